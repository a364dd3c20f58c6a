import type { Entity, GraphData, Relationship } from '../domain/model';
import { canonical } from '../domain/canonical';
import { compareIds } from '../domain/order';
import { DEFAULT_MODALITY } from '../domain/vocabulary';
import { graphVersionAt } from '../changes/versions';
import { applyOperation, withCitations } from './apply';
import type { ChangeRecord, ChangeTarget, Operation } from '../changes/change';
import { MemoryState, Writes } from './graph-state';

type Load = Extract<Operation, { kind: 'LOAD' }>;

/** A change the fold could not do again on the graph it found (its target gone with a seed's reload), and why. */
export interface Skipped {
  seq: number;
  reason: string;
}

/**
 * The graph a log of changes makes, the one rule for what the graph is: each dataset as its
 * last LOAD gave it, then every other change in order, done again (apply.ts); a MERGE that a
 * later UNMERGE undid is passed over. Each record's version is the number of the last change
 * that touched it: for a seed's record, the last LOAD that changed it. `changes` are in order,
 * from the first; a graph as it was is the fold of the changes up to then.
 */
export function fold(changes: readonly ChangeRecord[]): { graph: GraphData; skipped: Skipped[] } {
  const state = new MemoryState();
  const last = changes.at(-1)?.seq ?? 0;
  const undone = new Set(changes.flatMap((c) => (c.op.kind === 'UNMERGE' ? [c.op.merge] : [])));
  layDatasets(state, changes);
  const skipped: Skipped[] = [];
  for (const change of changes) {
    if (change.op.kind === 'LOAD' || (change.op.kind === 'MERGE' && undone.has(change.seq))) continue;
    const w = new Writes(state);
    try {
      applyOperation(overStated(change, w) ?? change.op, w);
    } catch (error) {
      skipped.push({ seq: change.seq, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    state.apply(w.delta(), w.merges(), change.seq);
  }
  const entities = [...state.entities.values()].sort(byId);
  const relationships = [...state.relationships.values()].filter((r) => state.entities.has(r.from) && state.entities.has(r.to)).sort(byId);
  return { graph: { entities, relationships, version: graphVersionAt(last), throughChange: last }, skipped };
}

/**
 * A create (CREATE_ENTITY, ADD_DOCUMENT, ADD_RELATIONSHIP) whose record another dataset now
 * states with everything the create gave it (a seed file written from these edits by
 * export-seed.ts) is done already, not failed on the id taken: it is done again over that
 * record, citing first what the create cited, then the dataset's other citations, so that the
 * citations a seed file cannot hold (of other documents) stay and keep their order.
 * "Everything": the same fields, and at least its names and properties (the dataset may hold
 * more: a document's sourceFile). Then `w` holds the record removed and the create to do over
 * it is returned; undefined for any other change, to be done as it is.
 */
function overStated(change: ChangeRecord, w: Writes): Operation | undefined {
  const op = change.op;
  const byOther = (r: Entity | Relationship) => !!r.record?.datasets.some((d) => d !== change.dataset);
  if (op.kind === 'ADD_RELATIONSHIP') {
    const created = op.relationship;
    const stated = w.relationship(created.id);
    const fields = (r: Relationship) => ({ ...r, modality: r.modality === DEFAULT_MODALITY ? undefined : r.modality, properties: {}, sources: [], record: undefined });
    if (!stated || !byOther(stated) || canonical(fields(stated)) !== canonical(fields(created)) || !holds(stated.properties, created.properties)) return undefined;
    w.removeRelationship(stated.id);
    return { ...op, relationship: { ...stated, sources: withCitations(created.sources, stated.sources) } };
  }
  if (op.kind !== 'CREATE_ENTITY' && op.kind !== 'ADD_DOCUMENT') return undefined;
  const stated = w.entity(op.entity.id);
  const fields = (e: Entity) => ({ ...e, names: [], properties: {}, sources: [], record: undefined });
  if (!stated || !byOther(stated) || canonical(fields(stated)) !== canonical(fields(op.entity)) || !holds(stated.properties, op.entity.properties)) return undefined;
  const names = new Set(stated.names.map(canonical));
  if (!op.entity.names.every((n) => names.has(canonical(n)))) return undefined;
  w.removeEntity(stated.id);
  return { ...op, entity: { ...stated, sources: withCitations(op.entity.sources, stated.sources) } };
}

/** Whether `all` has every property of `some`, with the same value. */
const holds = (all: Record<string, unknown>, some: Record<string, unknown>) => Object.entries(some).every(([k, v]) => canonical(all[k]) === canonical(v));


/** Every dataset's records as its last LOAD has them, each with the number of the LOAD that last changed it. */
function layDatasets(state: MemoryState, changes: readonly ChangeRecord[]): void {
  const latest = new Map<string, Map<string, { record: Entity | Relationship; version: number }>>();
  for (const change of changes) {
    if (change.op.kind !== 'LOAD') continue;
    const before = latest.get(change.op.dataset);
    const now = new Map<string, { record: Entity | Relationship; version: number }>();
    for (const [prefix, records] of [['e', change.op.entities], ['r', change.op.relationships]] as const) {
      for (const record of records) {
        // Compared only with the record of an earlier load: a dataset's first load versions all its records.
        const old = before?.get(`${prefix}:${record.id}`);
        const same = old !== undefined && canonical(old.record) === canonical(record);
        now.set(`${prefix}:${record.id}`, { record, version: same ? old.version : change.seq });
      }
    }
    latest.set(change.op.dataset, now);
  }
  for (const [dataset, records] of [...latest].sort((a, b) => compareIds(a[0], b[0]))) {
    for (const [key, { record, version }] of records) {
      const info = { version, datasets: [dataset] };
      if (key.startsWith('e:')) {
        if (!state.entity(record.id)) state.putEntity({ ...(record as Entity), record: info });
      } else if (!state.relationship(record.id)) {
        state.putRelationship({ ...(record as Relationship), record: info });
      }
    }
  }
}

/** What a LOAD of `next` changes in a dataset whose last LOAD was `previous` (null: none), records in id order. */
export function loadTargets(previous: Load | null, next: Load): ChangeTarget[] {
  const out: ChangeTarget[] = [];
  for (const [kind, a, b] of [
    ['ENTITY', previous?.entities ?? [], next.entities],
    ['RELATIONSHIP', previous?.relationships ?? [], next.relationships],
  ] as const) {
    const before = new Map<string, Entity | Relationship>(a.map((r) => [r.id, r]));
    const after = new Map<string, Entity | Relationship>(b.map((r) => [r.id, r]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort(compareIds)) {
      const x = before.get(id) ?? null;
      const y = after.get(id) ?? null;
      if (canonical(x) !== canonical(y)) out.push({ kind, id, before: x, after: y });
    }
  }
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
