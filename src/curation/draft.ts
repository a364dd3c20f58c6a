import type { EntityPatch, PropertyPatch, RelationshipPatch, TargetKind } from '../changes/change';
import type { Citation, Entity, Relationship } from '../domain/model';

/**
 * What a mutation asks, its input checked for shape (src/graphql/curation-inputs.ts) but its
 * ids as the client typed them: the commit resolves them, checks they name what they must,
 * and makes the operation the log keeps (src/changes/change.ts) on what its transaction read.
 * An update carries only what was asked (a patch), never a record computed beforehand.
 */
export type Draft =
  | { kind: 'ADD_DOCUMENT'; entity: Entity; text: string | null }
  | { kind: 'CREATE_ENTITY'; entity: Entity }
  | { kind: 'UPDATE_ENTITY'; id: string; set: EntityPatch; properties?: PropertyPatch }
  /** `relationship.id` is empty when the input gave none: it is made from the resolved ends. */
  | { kind: 'ADD_RELATIONSHIP'; relationship: Relationship; idGiven: boolean }
  | { kind: 'UPDATE_RELATIONSHIP'; id: string; set: RelationshipPatch; properties?: PropertyPatch }
  /** `target` null: an entity of that id, else a relationship. */
  | { kind: 'RETRACT'; target: TargetKind | null; id: string }
  | { kind: 'ADD_CITATION'; target: TargetKind | null; id: string; citation: Citation }
  | { kind: 'MERGE'; into: string; from: string }
  | { kind: 'UNMERGE'; from: string };

/** One operation of a commit, with where its input is for errors (`input`, `input.operations[3].updateEntity`). */
export interface CurationRequest {
  draft: Draft;
  /** The input's path: errors name `${path}.id`, `${path}.from`... */
  path: string;
  reason: string;
  citations: Citation[];
  /** Where the citations are in the input (`input.citations`, `input.citation`), for errors. */
  citationsPath: string;
  /** The version the client read of the record it changes: another one is CONFLICT. */
  expectedVersion?: number;
}

/** A commit's worth of requests by one caller: one mutation, or applyChanges' whole batch. */
export interface Curation {
  actor: string;
  requests: CurationRequest[];
  /** The caller's idempotency key, if given. */
  key?: string;
  /** A digest of the input, kept with the key: the same key with another input is refused. */
  digest: string;
}
