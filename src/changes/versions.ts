import type { Entity, Relationship } from '../domain/model';

/** The version a graph folded through change `seq` records, which a store compares at start and at each commit. */
export function graphVersionAt(seq: number): string {
  return `log@${seq}`;
}

/** The record with its version set to the change's number. */
export function stamp<T extends Entity | Relationship>(record: T, version: number): T {
  return { ...record, record: { datasets: [], ...record.record, version } };
}
