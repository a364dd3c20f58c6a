import { GraphRefusedError } from '../../domain/errors';
import type { Entity, RecordInfo, Relationship } from '../../domain/model';
import { entityIntervals, relationshipInterval } from '../../domain/partial-date';
import { searchText } from '../../domain/search-text';
import { DEFAULT_MODALITY, ENTITY_TYPES, RELATIONSHIP_TYPES, type EntityStatus, type EntityType, type Modality, type RelationshipType } from '../../domain/vocabulary';

/**
 * Shapes between the domain and Neo4j. Nested values (names, inferred maps,
 * properties, sources) travel as JSON text, since Neo4j properties cannot hold
 * maps, which also keeps numbers as JS numbers on the way back. A null status,
 * an empty relationship `inferred` and an absent `record` are left unset.
 */

/** An entity as the queries project it: `e {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record}`. */
export interface EntityMap {
  id: string;
  type: string;
  category: string | null;
  label: string;
  /** JSON of its names. */
  names: string;
  status: string | null;
  /** JSON of its inferred map. */
  inferred: string;
  properties: string;
  sources: string;
  /** JSON of its RecordInfo; null when none. */
  record: string | null;
}

export interface RelationshipMap {
  id: string;
  type: string;
  from: string;
  to: string;
  properties: string;
  sources: string;
  /** Null on a relationship written before modalities: FACT. */
  modality: string | null;
  /** JSON of its start, end and at; null as `{}`. */
  time: string | null;
  /** JSON of its inferred map; null when none. */
  inferred: string | null;
  /** JSON of its RecordInfo; null when none. */
  record: string | null;
}

/** The `record` key of a domain object: none when the database holds none. */
const recordOf = (json: string | null | undefined) => (json ? { record: JSON.parse(json) as RecordInfo } : {});

export function toEntity(m: EntityMap): Entity {
  return {
    id: m.id,
    type: m.type as EntityType,
    category: m.category ?? null,
    label: m.label,
    names: JSON.parse(m.names),
    status: (m.status ?? null) as EntityStatus | null,
    inferred: JSON.parse(m.inferred),
    properties: JSON.parse(m.properties),
    sources: JSON.parse(m.sources),
    ...recordOf(m.record),
  };
}

export function toRelationship(m: RelationshipMap): Relationship {
  return {
    id: m.id,
    type: m.type as RelationshipType,
    from: m.from,
    to: m.to,
    properties: JSON.parse(m.properties),
    sources: JSON.parse(m.sources),
    ...(m.modality && m.modality !== DEFAULT_MODALITY ? { modality: m.modality as Modality } : {}),
    ...(m.time ? (JSON.parse(m.time) as Pick<Relationship, 'start' | 'end' | 'at'>) : {}),
    ...(m.inferred ? { inferred: JSON.parse(m.inferred) as Record<string, string> } : {}),
    ...recordOf(m.record),
  };
}

/**
 * The traversal queries return entities and relationships as positional lists
 * (the driver decodes a list faster than a map with its keys), in this order:
 * `[n.id, n.type, n.category, n.label, n.names, n.status, n.inferred, n.properties, n.sources, n.record]` and
 * `[r.id, type(r), from.id, to.id, r.properties, r.sources, r.modality, r.time, r.inferred, r.record]`.
 */
export type EntityList = [string, string, string | null, string, string, string | null, string, string, string, string | null];
export type RelationshipList = [string, string, string, string, string, string, string | null, string | null, string | null, string | null];

export function entityFromList(l: EntityList): Entity {
  return toEntity({ id: l[0], type: l[1], category: l[2], label: l[3], names: l[4], status: l[5], inferred: l[6], properties: l[7], sources: l[8], record: l[9] });
}

export function relationshipFromList(l: RelationshipList): Relationship {
  return toRelationship({ id: l[0], type: l[1], from: l[2], to: l[3], properties: l[4], sources: l[5], modality: l[6], time: l[7], inferred: l[8], record: l[9] });
}

const recordJson = (r: Entity | Relationship) => (r.record ? JSON.stringify(r.record) : null);

export function entityRow(e: Entity) {
  if (!(ENTITY_TYPES as readonly string[]).includes(e.type)) throw new GraphRefusedError(`Entity "${e.id}" has a type outside the vocabulary: "${e.type}".`);
  const intervals = entityIntervals(e);
  return {
    id: e.id,
    type: e.type,
    category: e.category,
    label: e.label,
    names: JSON.stringify(e.names),
    status: e.status,
    inferred: JSON.stringify(e.inferred),
    properties: JSON.stringify(e.properties),
    sources: JSON.stringify(e.sources),
    record: recordJson(e),
    intervalStarts: intervals.map((i) => i[0]),
    intervalEnds: intervals.map((i) => i[1]),
    searchText: searchText(e),
  };
}

export function relationshipRow(r: Relationship) {
  // The type becomes a relationship type in Cypher: only vocabulary types may.
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(r.type)) throw new GraphRefusedError(`Relationship "${r.id}" has a type outside the vocabulary: "${r.type}".`);
  const time = { ...(r.start ? { start: r.start } : {}), ...(r.end ? { end: r.end } : {}), ...(r.at ? { at: r.at } : {}) };
  const [validFrom, validTo] = relationshipInterval(r);
  return {
    id: r.id,
    type: r.type,
    from: r.from,
    to: r.to,
    properties: JSON.stringify(r.properties),
    sources: JSON.stringify(r.sources),
    modality: r.modality ?? DEFAULT_MODALITY,
    time: JSON.stringify(time),
    inferred: r.inferred ? JSON.stringify(r.inferred) : null,
    record: recordJson(r),
    validFrom,
    validTo,
  };
}

/** Each id merged into an entity of `entities` (its `record.mergedFrom`), mapped to that entity: the MergedId nodes. */
export function mergedIds(entities: readonly Entity[]): Record<string, string> {
  return Object.fromEntries(entities.flatMap((e) => (e.record?.mergedFrom ?? []).map((from) => [from, e.id])));
}

/** What replaceGraph compares to tell a kept relationship that changed: see replace-graph-existing-relationships.cypher. */
export function relationshipContent(r: Record<string, unknown>): string {
  return [r.properties, r.sources, r.modality, r.time, r.inferred, r.record].map((v) => String(v ?? '')).join('\u0000');
}

/** How the delete step recognises a relationship kept as it is: see replace-graph-delete-relationships.cypher. */
export function relationshipSignature(r: Relationship): string {
  return `${r.type} ${r.from} ${r.to}`;
}
