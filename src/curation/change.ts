import type { Citation, Entity, Relationship } from '../domain/model';

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

/** The fields of an entity an update may set; absent ones stay as they are. */
export type EntityPatch = Partial<Pick<Entity, 'label' | 'category' | 'names' | 'status' | 'properties' | 'inferred'>>;
/** The fields of a relationship an update may set (its type and ends make its id: they never change). */
export type RelationshipPatch = Partial<Pick<Relationship, 'modality' | 'start' | 'end' | 'at' | 'properties' | 'inferred'>> & {
  /** Fields to clear: `start`, `end`, `at`, `modality` (back to FACT). */
  clear?: ('start' | 'end' | 'at' | 'modality')[];
};

/**
 * What a change does, as the log keeps it: enough to do it again on the graph (fold.ts), with
 * ids already resolved through merges when it was made. A LOAD holds a seed file's whole content.
 */
export type Operation =
  | { kind: 'LOAD'; dataset: string; version: string | null; entities: Entity[]; relationships: Relationship[] }
  | { kind: 'ADD_DOCUMENT'; entity: Entity; text: string | null }
  | { kind: 'CREATE_ENTITY'; entity: Entity }
  | { kind: 'UPDATE_ENTITY'; id: string; set: EntityPatch; citations: Citation[] }
  | { kind: 'ADD_RELATIONSHIP'; relationship: Relationship }
  | { kind: 'UPDATE_RELATIONSHIP'; id: string; set: RelationshipPatch; citations: Citation[] }
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

/** A change about to be committed: the store gives it its number and time. */
export interface NewChange {
  kind: ChangeKind;
  /** The token name of who made it, or SEED_ACTOR. */
  actor: string;
  dataset: string;
  reason: string | null;
  citations: Citation[];
  op: Operation;
  targets: ChangeTarget[];
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

/**
 * The versions a change was computed against: each record id mapped to the version read
 * (null: it did not exist). The store commits only if every one still holds.
 */
export interface Preconditions {
  entities: Record<string, number | null>;
  relationships: Record<string, number | null>;
}
