import { ConflictError, NotFoundError, StaleGraphError } from '../domain/errors';
import type { Citation, Entity, Relationship } from '../domain/model';
import type { GraphStore } from '../store/store';
import { applyOperation } from './apply';
import { CURATION_DATASET, type ChangeRecord, type ChangeTarget, type Operation, type Preconditions, type TargetKind } from './change';
import { fold } from './fold';
import { bare, Writes, type GraphState } from './graph-state';
import { layDown } from './lay-down';

/** What a mutation asks for, checked (inputs.ts) but with ids as the client gave them. */
export interface CurationRequest {
  actor: string;
  reason: string;
  citations: Citation[];
  op: Operation;
  /** The version the client read of records it changes, keyed `ENTITY:id` or `RELATIONSHIP:id`: a stale one is CONFLICT. */
  expected?: Record<string, number>;
}

/** Tries again a write that lost a race (another write committed between its read and its commit), at most this many times. */
const ATTEMPTS = 25;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes one change through a store: resolves ids through merges, reads what the change
 * touches, does it (apply.ts) on what was read, and commits what it wrote with the versions
 * it read as preconditions, in one store transaction. A write that lost a race is tried
 * again from the read; a stale `expected` version answers CONFLICT at once.
 */
export async function curate(store: GraphStore, request: CurationRequest): Promise<ChangeRecord> {
  if (request.op.kind === 'UNMERGE') return unmerge(store, request);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(store, request);
    } catch (error) {
      if (error instanceof StaleGraphError && attempt < ATTEMPTS) {
        await layDown(store);
        continue;
      }
      if (error instanceof ConflictError && error.currentVersion !== undefined && !request.expected && attempt < ATTEMPTS) {
        await pause(Math.random() * 5 * attempt);
        continue;
      }
      throw error;
    }
  }
}

async function attemptOnce(store: GraphStore, request: CurationRequest): Promise<ChangeRecord> {
  const op = await resolved(store, request.op);
  const state = await Fetched.read(store, needs(op));
  const w = new Writes(state);
  applyOperation(op, w);
  const delta = w.delta();
  const preconditions: Preconditions = { entities: {}, relationships: {} };
  for (const e of [...delta.putEntities.map((x) => x.id), ...delta.removeEntities]) preconditions.entities[e] = state.versionOf('ENTITY', e);
  for (const r of [...delta.putRelationships.map((x) => x.id), ...delta.removeRelationships]) preconditions.relationships[r] = state.versionOf('RELATIONSHIP', r);
  for (const [key, version] of Object.entries(request.expected ?? {})) {
    const [kind, id] = splitKey(key);
    const found = state.versionOf(kind, id);
    if (found !== version) {
      throw new ConflictError(
        `${kind === 'ENTITY' ? 'Entity' : 'Relationship'} "${id}" is at version ${found ?? 'none'}, not ${version} (expectedVersion): it changed since it was read; read it again.`,
        'expectedVersion',
        found ?? undefined,
      );
    }
  }
  return store.commitChange(
    { kind: op.kind, actor: request.actor, dataset: CURATION_DATASET, reason: request.reason, citations: request.citations, op, targets: w.targets() },
    delta,
    preconditions,
  );
}

const splitKey = (key: string): [TargetKind, string] => {
  const i = key.indexOf(':');
  return [key.slice(0, i) as TargetKind, key.slice(i + 1)];
};

/** The operation with each entity id it names replaced by the current entity it stands for (an id merged away, another case). */
async function resolved(store: GraphStore, op: Operation): Promise<Operation> {
  const one = async (id: string) => (await resolveIds(store, [id]))[0]!;
  switch (op.kind) {
    case 'UPDATE_ENTITY':
      return { ...op, id: await one(op.id) };
    case 'ADD_RELATIONSHIP': {
      const [from, to] = await resolveIds(store, [op.relationship.from, op.relationship.to]);
      return { ...op, relationship: { ...op.relationship, from: from!, to: to! } };
    }
    case 'RETRACT':
    case 'ADD_CITATION':
      return op.target === 'ENTITY' ? { ...op, id: await one(op.id) } : op;
    case 'MERGE': {
      const [into, from] = await resolveIds(store, [op.into, op.from]);
      return { ...op, into: into!, from: from! };
    }
    default:
      return op;
  }
}

/** Each id as the entity it names: itself, its lower-case form, or the entity it was merged into; itself when none. */
export async function resolveIds(store: GraphStore, ids: string[]): Promise<string[]> {
  const found = await store.getEntities(ids);
  return Promise.all(ids.map(async (id, i) => {
    if (found[i]) return id;
    const lower = id.toLowerCase();
    if (lower !== id && (await store.getEntities([lower]))[0]) return lower;
    const [into] = await store.mergedInto([id]);
    if (into) return into;
    if (lower !== id) return (await store.mergedInto([lower]))[0] ?? id;
    return id;
  }));
}

interface Needs {
  entities: string[];
  relationships: string[];
  /** Entities whose relationships are read too. */
  around: string[];
}

function needs(op: Operation): Needs {
  const n: Needs = { entities: [], relationships: [], around: [] };
  switch (op.kind) {
    case 'ADD_DOCUMENT':
    case 'CREATE_ENTITY':
      n.entities.push(op.entity.id);
      break;
    case 'UPDATE_ENTITY':
      n.entities.push(op.id);
      break;
    case 'ADD_RELATIONSHIP':
      n.entities.push(op.relationship.from, op.relationship.to);
      n.relationships.push(op.relationship.id);
      n.around.push(op.relationship.from);
      break;
    case 'UPDATE_RELATIONSHIP':
      n.relationships.push(op.id);
      break;
    case 'RETRACT':
    case 'ADD_CITATION':
      if (op.target === 'ENTITY') n.entities.push(op.id);
      else n.relationships.push(op.id);
      if (op.kind === 'RETRACT' && op.target === 'ENTITY') n.around.push(op.id);
      break;
    case 'MERGE':
      n.entities.push(op.into, op.from);
      n.around.push(op.into, op.from);
      break;
    default:
      break;
  }
  return n;
}

/** The part of the graph a change reads, fetched from the store beforehand. */
class Fetched implements GraphState {
  private constructor(
    private readonly entities: Map<string, Entity>,
    private readonly relationships: Map<string, Relationship>,
    private readonly around: Map<string, Relationship[]>,
    private readonly merged: Map<string, string>,
  ) {}

  static async read(store: GraphStore, n: Needs): Promise<Fetched> {
    const entityIds = [...new Set(n.entities)];
    const [entities, relationships, around, merged] = await Promise.all([
      store.getEntities(entityIds),
      store.getRelationships([...new Set(n.relationships)]),
      store.relationshipsOf(n.around, { direction: 'BOTH' }),
      store.mergedInto(entityIds),
    ]);
    const rels = new Map(relationships.flatMap((r) => (r ? [[r.id, r] as const] : [])));
    for (const list of around) for (const r of list) rels.set(r.id, r);
    return new Fetched(
      new Map(entities.flatMap((e) => (e ? [[e.id, e] as const] : []))),
      rels,
      new Map(n.around.map((id, i) => [id, dedupe(around[i]!)])),
      new Map(entityIds.flatMap((id, i) => (merged[i] ? [[id, merged[i]!] as const] : []))),
    );
  }

  entity(id: string) { return this.entities.get(id); }
  relationship(id: string) { return this.relationships.get(id); }
  relationshipsOf(id: string): Relationship[] {
    const list = this.around.get(id);
    if (!list) throw new Error(`The relationships of "${id}" were not read for this change.`);
    return list;
  }
  mergedInto(id: string) { return this.merged.get(id); }

  /** The version read of a record, null when it did not exist (0 for a record without bookkeeping). */
  versionOf(kind: TargetKind, id: string): number | null {
    const record = kind === 'ENTITY' ? this.entities.get(id) : this.relationships.get(id);
    return record ? (record.record?.version ?? 0) : null;
  }
}

function dedupe(list: Relationship[]): Relationship[] {
  const seen = new Set<string>();
  return list.filter((r) => !seen.has(r.id) && !!seen.add(r.id));
}

/**
 * Undoes the last merge of `from`: the change is appended, then the graph laid down again
 * from the log without that merge (fold.ts), so that both entities are as they would be had it
 * never happened, with every later change to either kept. Its targets are what that changes.
 */
async function unmerge(store: GraphStore, request: CurationRequest): Promise<ChangeRecord> {
  const op = request.op as Extract<Operation, { kind: 'UNMERGE' }>;
  const changes = await store.listChanges({ targets: false });
  const undone = new Set(changes.flatMap((c) => (c.op.kind === 'UNMERGE' ? [c.op.merge] : [])));
  const merge = [...changes].reverse().find((c) => c.op.kind === 'MERGE' && c.op.from === op.from && !undone.has(c.seq));
  if (!merge || (await store.mergedInto([op.from]))[0] === null) {
    throw new NotFoundError(`No merge of "${op.from}" to undo: it is not merged into another entity.`, 'id');
  }
  const next: ChangeRecord = { seq: (changes.at(-1)?.seq ?? 0) + 1, at: new Date().toISOString(), kind: 'UNMERGE', actor: request.actor, dataset: CURATION_DATASET, reason: request.reason, citations: request.citations, op: { ...op, merge: merge.seq }, targets: [] };
  const before = fold(changes).graph;
  const after = fold([...changes, next]).graph;
  const change = await store.commitChange({ ...next, targets: diff(before.entities, after.entities, 'ENTITY').concat(diff(before.relationships, after.relationships, 'RELATIONSHIP')) }, null, { entities: {}, relationships: {} });
  await layDown(store);
  return change;
}

function diff(a: (Entity | Relationship)[], b: (Entity | Relationship)[], kind: TargetKind): ChangeTarget[] {
  const x = new Map(a.map((r) => [r.id, r]));
  const y = new Map(b.map((r) => [r.id, r]));
  const out: ChangeTarget[] = [];
  for (const id of [...new Set([...x.keys(), ...y.keys()])].sort()) {
    const before = bare(x.get(id) ?? null);
    const after = bare(y.get(id) ?? null);
    if (JSON.stringify(before) !== JSON.stringify(after) || JSON.stringify(x.get(id)?.record?.mergedFrom) !== JSON.stringify(y.get(id)?.record?.mergedFrom)) {
      out.push({ kind, id, before, after });
    }
  }
  return out;
}
