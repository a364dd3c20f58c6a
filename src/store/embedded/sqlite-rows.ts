import type { Entity, Relationship } from '../../domain/model';
import { entityIntervals, relationshipInterval } from '../../domain/partial-date';
import { DEFAULT_MODALITY } from '../../domain/vocabulary';

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
