import neo4j from 'neo4j-driver';
import type { ChangeRecord, ChangeTarget, GraphDelta, NewChange, Preconditions, TargetKind } from '../../curation/change';
import { graphVersionAt } from '../../curation/fold';
import { stamp } from '../../curation/graph-state';
import { ConflictError, StaleGraphError } from '../../domain/errors';
import type { Entity, Relationship } from '../../domain/model';
import { compareIds } from '../../domain/order';
import { ENTITY_TYPES } from '../../domain/vocabulary';
import type { ChangeQuery } from '../store';
import type { CypherQueries, QueryName } from './cypher-queries';
import { entityRow, mergedIds, relationshipRow, toRelationship, type RelationshipMap } from './neo4j-rows';
import { rows, type Row, type Tx } from './neo4j-runner';

/** Targets per statement when a change is appended: a seed file's LOAD touches every record it holds. */
const TARGET_BATCH_SIZE = 2000;
/** The bound of listChanges' range seek when no number bounds it from above. */
const NO_BOUND = Number.MAX_SAFE_INTEGER;

const int = (n: number) => neo4j.int(n);

/** The log's last change (0 and null for an empty log) and the graph's version, as the transaction that locked the log sees them. */
interface LogEnd {
  seq: number;
  at: string | null;
  graphVersion: string | null;
}

/**
 * Takes the log's lock (change-lock.cypher), then reads where the log ends, sent together:
 * the transaction runs them in order, so the read sees what every writer before it
 * committed, and no other commit, nor laying down of the graph, runs until this one ends.
 */
function lockAndRead(tx: Tx, queries: CypherQueries): [Promise<unknown>, Promise<LogEnd>] {
  const locked = tx.run(queries.text('change-lock'));
  const end = rows(tx, queries.text('change-last'), {}).then(([row]): LogEnd => ({
    seq: Number(row?.seq ?? 0),
    at: (row?.at as string | null | undefined) ?? null,
    graphVersion: (row?.graphVersion as string | null | undefined) ?? null,
  }));
  return [locked, end];
}

/** For replaceGraph of a graph folded through change `seq`: locks the log, and throws ConflictError unless it ends there. */
export async function checkLast(tx: Tx, queries: CypherQueries, seq: number): Promise<void> {
  const [, end] = await Promise.all(lockAndRead(tx, queries));
  if (end.seq !== seq) throw new ConflictError(`The change log ends at change ${end.seq}, not ${seq}: the graph must be folded again.`);
}

/**
 * The body of commitChange's one write transaction, in two round trips. First the log
 * locked, where it ends and the versions of the records the preconditions name, read
 * under the lock; the change is numbered one after the last and timed now (never before
 * the last), and with a delta, the graph must reflect the whole log and every
 * precondition hold. Then, all sent at once, the change, its targets, the delta (each
 * record stamped with the change's number) and the graph's version. A throw anywhere
 * rolls all of it back; the Promise.all calls leave no statement's failure unhandled.
 */
export async function commitIn(tx: Tx, queries: CypherQueries, change: NewChange, delta: GraphDelta | null, pre: Preconditions): Promise<ChangeRecord> {
  const read = (name: QueryName, ids: string[]) => (delta && ids.length ? rows(tx, queries.text(name), { ids }) : Promise.resolve([]));
  const [, last, entities, relationships] = await Promise.all([
    ...lockAndRead(tx, queries),
    read('get-entities', Object.keys(pre.entities)),
    read('get-relationships', Object.keys(pre.relationships)),
  ]);
  const seq = last.seq + 1;
  if (delta) {
    if (last.graphVersion !== graphVersionAt(seq - 1)) {
      throw new StaleGraphError('The graph is being laid down again from the change log; the change was not made.');
    }
    checkVersions('Entity', pre.entities, versionsOf(entities, 'entity'));
    checkVersions('Relationship', pre.relationships, versionsOf(relationships, 'relationship'));
  }
  // Shaped before anything is sent: a record the rows refuse throws with nothing written.
  const shaped = delta && shapeDelta(delta, seq);
  const targets = change.targets.map((t) => ({ kind: t.kind, id: t.id, before: json(t.before), after: json(t.after) }));
  const now = new Date().toISOString();
  const at = last.at !== null && last.at > now ? last.at : now;
  const writes: Promise<unknown>[] = [tx.run(queries.text('change-append'), {
    seq: int(seq), at, actor: change.actor, kind: change.kind, dataset: change.dataset, reason: change.reason,
    citations: JSON.stringify(change.citations), op: JSON.stringify(change.op),
  })];
  for (let i = 0; i < targets.length; i += TARGET_BATCH_SIZE) {
    writes.push(tx.run(queries.text('change-append-targets'), { seq: int(seq), targets: targets.slice(i, i + TARGET_BATCH_SIZE) }));
  }
  if (shaped) {
    writes.push(...writeDelta(tx, queries, shaped));
    writes.push(tx.run(queries.text('replace-graph-version'), { version: graphVersionAt(seq) }));
  }
  await Promise.all(writes);
  return { ...change, seq, at };
}

/** Record id to its version, from rows of get-entities or get-relationships (a record without `record` at version 0). */
function versionsOf(found: Row[], key: 'entity' | 'relationship'): Map<string, number> {
  return new Map(found.map((r) => {
    const record = r[key] as { id: string; record: string | null };
    return [record.id, record.record === null ? 0 : (JSON.parse(record.record) as { version: number }).version];
  }));
}

/** Each precondition against the version held now: ConflictError at the first that fails. */
function checkVersions(kind: 'Entity' | 'Relationship', expected: Record<string, number | null>, held: Map<string, number>): void {
  for (const [id, version] of Object.entries(expected)) {
    const found = held.get(id) ?? null;
    if (found !== version) {
      throw new ConflictError(
        `${kind} "${id}" changed meanwhile (version ${found ?? 'none'}, read ${version ?? 'none'}); nothing was written.`,
        'expectedVersion',
        found ?? 0,
      );
    }
  }
}

/** A delta's records stamped with the change's number and shaped as replaceGraph writes them. */
function shapeDelta(delta: GraphDelta, seq: number) {
  const entities = delta.putEntities.map((e) => stamp(e, seq));
  return {
    deleteRelationships: [...delta.removeRelationships, ...delta.putRelationships.map((r) => r.id)],
    deleteEntities: delta.removeEntities,
    entities: entities.map(entityRow),
    mergedInto: mergedIds(entities),
    relationships: delta.putRelationships.map((r) => relationshipRow(stamp(r, seq))),
  };
}

/**
 * The statements of a change's writes to the graph, sent at once: relationships removed
 * or written again deleted, entities removed (with their relationships and merged ids),
 * entities merged on id with their merged ids, relationships created anew at their
 * (maybe moved) ends.
 */
function writeDelta(tx: Tx, queries: CypherQueries, delta: ReturnType<typeof shapeDelta>): Promise<unknown>[] {
  const sent: Promise<unknown>[] = [];
  if (delta.deleteRelationships.length) sent.push(tx.run(queries.text('change-delete-relationships'), { ids: delta.deleteRelationships }));
  if (delta.deleteEntities.length) sent.push(tx.run(queries.text('change-delete-entities'), { ids: delta.deleteEntities }));
  if (delta.entities.length) {
    sent.push(tx.run(queries.text('replace-graph-entities'), { rows: delta.entities, entityTypes: ENTITY_TYPES }));
    sent.push(tx.run(queries.text('change-merged-ids'), { entities: delta.entities.map((e) => e.id), into: delta.mergedInto }));
  }
  const { relationships } = delta;
  if (relationships.length) {
    sent.push(rows(tx, queries.text('change-put-relationships'), { rows: relationships }).then(([row]) => {
      if (Number(row?.written) !== relationships.length) {
        throw new Error(`Only ${Number(row?.written ?? 0)} of the ${relationships.length} relationships of the change have both ends in the graph; nothing was written.`);
      }
    }));
  }
  return sent;
}

const json = (value: Entity | Relationship | null) => (value === null ? null : JSON.stringify(value));
const parse = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as Entity | Relationship) : null);

/** The query of listChanges and its parameters: from a record's targets when `target` is given, else a range of numbers. */
export function changesQuery(q: ChangeQuery): { name: QueryName; params: Row } {
  const uppers = [q.before === undefined ? NO_BOUND : Math.ceil(q.before), q.through === undefined ? NO_BOUND : Math.floor(q.through) + 1];
  const params: Row = {
    after: int(q.after === undefined ? 0 : Math.floor(q.after)),
    before: int(Math.min(...uppers)),
    since: q.since ?? null,
    until: q.until ?? null,
    kinds: q.kinds ? [...q.kinds] : null,
    sign: int(q.newestFirst ? -1 : 1),
    limit: int(q.first === undefined ? NO_BOUND : Math.max(0, Math.floor(q.first))),
    targets: q.targets !== false,
  };
  if (!q.target) return { name: 'list-changes', params };
  return { name: 'list-changes-of-target', params: { ...params, targetKind: q.target.kind, targetId: q.target.id } };
}

type TargetList = [kind: TargetKind, id: string, before: string | null, after: string | null];

/** A row of list-changes.cypher as a ChangeRecord, its targets by kind then id. */
export function toChangeRecord(r: Row): ChangeRecord {
  const targets: ChangeTarget[] = (r.targets as TargetList[])
    .map(([kind, id, before, after]) => ({ kind, id, before: parse(before), after: parse(after) }))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : compareIds(a.id, b.id)));
  return {
    seq: Number(r.seq),
    at: r.at as string,
    actor: r.actor as string,
    kind: r.kind as ChangeRecord['kind'],
    dataset: r.dataset as string,
    reason: (r.reason as string | null) ?? null,
    citations: JSON.parse(r.citations as string),
    op: JSON.parse(r.op as string),
    targets,
  };
}

/** The rows of get-relationships.cypher as relationships, in the order asked, null for ids not found. */
export function relationshipsInOrder(ids: readonly string[], found: Row[]): (Relationship | null)[] {
  const byId = new Map(found.map((r) => toRelationship(r.relationship as RelationshipMap)).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
