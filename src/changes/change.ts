import type { Citation, Entity, PropertyValue, Relationship } from '../domain/model';

/** The dataset of every edit made through the API; a seed file's dataset is its file name without `.yaml`. */
export const CURATION_DATASET = 'curation';
/** Who the seed's loads are by, in the history. */
export const SEED_ACTOR = 'seed';

export const CHANGE_KINDS = [
  'LOAD', 'ADD_DOCUMENT', 'CREATE_ENTITY', 'UPDATE_ENTITY', 'ADD_RELATIONSHIP', 'UPDATE_RELATIONSHIP',
  'RETRACT', 'ADD_CITATION', 'MERGE', 'UNMERGE',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type TargetKind = 'ENTITY' | 'RELATIONSHIP';

/**
 * The fields of an entity an update sets; absent ones stay as they are. `properties` here
 * replaces the whole map: only changes logged before updates became patches hold it (the
 * fold does them again as they were); an update now says `properties` of its own (PropertyPatch).
 */
export type EntityPatch = Partial<Pick<Entity, 'label' | 'category' | 'names' | 'status' | 'properties' | 'inferred'>>;
/** The fields of a relationship an update sets (its type and ends make its id: they never change); `properties` as in EntityPatch. */
export type RelationshipPatch = Partial<Pick<Relationship, 'modality' | 'start' | 'end' | 'at' | 'properties' | 'inferred'>> & {
  /** Fields to clear: `start`, `end`, `at`, `modality` (back to FACT). */
  clear?: ('start' | 'end' | 'at' | 'modality')[];
};

/**
 * What an update asks of a record's properties, merged into the record as it is when the
 * change commits: these set, those removed, every other property kept. Two editors setting
 * two properties at once both keep theirs.
 */
export interface PropertyPatch {
  set: Record<string, PropertyValue>;
  remove: string[];
}

/**
 * What a change does, as the log keeps it: enough to do it again on the graph (fold.ts), with
 * ids already resolved through merges when it was made. A LOAD holds a seed file's whole content.
 */
export type Operation =
  | { kind: 'LOAD'; dataset: string; version: string | null; entities: Entity[]; relationships: Relationship[] }
  | { kind: 'ADD_DOCUMENT'; entity: Entity; text: string | null }
  | { kind: 'CREATE_ENTITY'; entity: Entity }
  | { kind: 'UPDATE_ENTITY'; id: string; set: EntityPatch; properties?: PropertyPatch; citations: Citation[] }
  | { kind: 'ADD_RELATIONSHIP'; relationship: Relationship }
  | { kind: 'UPDATE_RELATIONSHIP'; id: string; set: RelationshipPatch; properties?: PropertyPatch; citations: Citation[] }
  | { kind: 'RETRACT'; target: TargetKind; id: string }
  | { kind: 'ADD_CITATION'; target: TargetKind; id: string; citation: Citation }
  | { kind: 'MERGE'; into: string; from: string }
  | { kind: 'UNMERGE'; from: string; merge: number };

/** One record a change touched: as it was before (null: it did not exist) and after (null: it stopped being current). */
export interface ChangeTarget {
  kind: TargetKind;
  id: string;
  before: Entity | Relationship | null;
  after: Entity | Relationship | null;
}

/** A change about to be committed: the commit gives it its number and time (commit-plan.ts). */
export interface NewChange {
  kind: ChangeKind;
  /** The token name of who made it, or SEED_ACTOR. */
  actor: string;
  dataset: string;
  reason: string | null;
  citations: Citation[];
  op: Operation;
  targets: ChangeTarget[];
  /**
   * Who asked, and under which key (`idempotencyKey`, or one the server drew): the same
   * key from the same actor answers this change again instead of committing another.
   */
  requestKey?: RequestKey;
}

/** An idempotency key as the log keeps it: the actor's, with a digest of the request it came with. */
export interface RequestKey {
  key: string;
  /** A digest of what was asked: the same key with another request is refused. */
  digest: string;
}

/** A committed change: `seq` numbers the log from 1, in commit order; `at` is when it committed (ISO 8601, UTC). */
export interface ChangeRecord extends NewChange {
  seq: number;
  at: string;
}

/** The writes of a change to the graph the store holds. */
export interface GraphDelta {
  putEntities: Entity[];
  removeEntities: string[];
  putRelationships: Relationship[];
  removeRelationships: string[];
}
