import type { Entity, RecordInfo, Relationship } from '../../domain/model';
import { entityIntervals, relationshipInterval } from '../../domain/partial-date';
import { DEFAULT_MODALITY, type EntityStatus, type EntityType, type Modality, type RelationshipType } from '../../domain/vocabulary';

/** An entity's row of the entities table, in column order. */
export function entityValues(e: Entity): unknown[] {
  return [
    e.id, e.type, e.category, e.label, JSON.stringify(e.names), e.status, JSON.stringify(e.inferred),
    JSON.stringify(e.properties), JSON.stringify(e.sources), JSON.stringify(entityIntervals(e)), e.record ? JSON.stringify(e.record) : null,
  ];
}

/** A relationship's row of the relationships table, in column order. */
export function relationshipValues(r: Relationship): unknown[] {
  const time = { ...(r.start ? { start: r.start } : {}), ...(r.end ? { end: r.end } : {}), ...(r.at ? { at: r.at } : {}) };
  const [validFrom, validTo] = relationshipInterval(r);
  return [
    r.id, r.type, r.from, r.to, JSON.stringify(r.properties), JSON.stringify(r.sources),
    r.modality ?? DEFAULT_MODALITY, JSON.stringify(time), validFrom, validTo, r.inferred ? JSON.stringify(r.inferred) : null,
    r.record ? JSON.stringify(r.record) : null,
  ];
}

/*
 * Rows are read as arrays (better-sqlite3's raw mode), in the column order below:
 * building a keyed object per row costs about as much as the query itself.
 */
export const ENTITY_COLUMNS = 'e.id, e.type, e.category, e.label, e.names, e.status, e.inferred, e.properties, e.sources, e.record';
export type EntityRow = [
  id: string, type: string, category: string | null, label: string, names: string, status: string | null, inferred: string, properties: string, sources: string,
  record: string | null,
];
export const RELATIONSHIP_COLUMNS = 'r.id, r.type, r.from_id, r.to_id, r.properties, r.sources, r.modality, r.time, r.inferred, r.record';
export type RelationshipRow = [
  id: string, type: string, from: string, to: string, properties: string, sources: string, modality: string, time: string, inferred: string | null,
  record: string | null,
];
/** Columns after RELATIONSHIP_COLUMNS in a row. */
export const AFTER_RELATIONSHIP = 10;

export const toEntity = (r: EntityRow): Entity => ({
  id: r[0],
  type: r[1] as EntityType,
  category: r[2],
  label: r[3],
  names: JSON.parse(r[4]),
  status: r[5] as EntityStatus | null,
  inferred: JSON.parse(r[6]),
  properties: JSON.parse(r[7]),
  sources: JSON.parse(r[8]),
  ...(r[9] === null ? {} : { record: JSON.parse(r[9]) as RecordInfo }),
});
export const toRelationship = (r: RelationshipRow): Relationship => ({
  id: r[0],
  type: r[1] as RelationshipType,
  from: r[2],
  to: r[3],
  properties: JSON.parse(r[4]),
  sources: JSON.parse(r[5]),
  ...(r[6] === DEFAULT_MODALITY ? {} : { modality: r[6] as Modality }),
  ...(JSON.parse(r[7]) as Pick<Relationship, 'start' | 'end' | 'at'>),
  ...(r[8] === null ? {} : { inferred: JSON.parse(r[8]) as Record<string, string> }),
  ...(r[9] === null ? {} : { record: JSON.parse(r[9]) as RecordInfo }),
});
