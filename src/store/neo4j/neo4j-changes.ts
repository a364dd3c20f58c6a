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
 * Takes the log's lock (change-lock.cypher): from here on, no other commit, and no
 * laying down of the graph, runs until this transaction ends; then reads where the log ends.
 */
export async function lockLog(tx: Tx, queries: CypherQueries): Promise<LogEnd> {
  await tx.run(queries.text('change-lock'));
  return logEnd(tx, queries);
}

export async function logEnd(tx: Tx, queries: CypherQueries): Promise<LogEnd> {
  const [row] = await rows(tx, queries.text('change-last'), {});
  return { seq: Number(row?.seq ?? 0), at: (row?.at as string | null | undefined) ?? null, graphVersion: (row?.graphVersion as string | null | undefined) ?? null };
}

/** For replaceGraph of a graph folded through change `seq`: locks the log, and throws ConflictError unless it ends there. */
export async function checkLast(tx: Tx, queries: CypherQueries, seq: number): Promise<void> {
  const last = (await lockLog(tx, queries)).seq;
  if (last !== seq) throw new ConflictError(`The change log ends at change ${last}, not ${seq}: the graph must be folded again.`);
}

/**
 * The body of commitChange's one write transaction: the log locked, the change numbered
 * one after the last and timed now (never before the last), its delta's preconditions
 * checked against what the commits before it wrote, then the change, its targets, the
 * delta (each record stamped with the change's number) and the graph's version written.
 * A throw anywhere rolls all of it back.
 */
export async function commitIn(tx: Tx, queries: CypherQueries, change: NewChange, delta: GraphDelta | null, pre: Preconditions): Promise<ChangeRecord> {
  const last = await lockLog(tx, queries);
  const seq = last.seq + 1;
  if (delta) {
    if (last.graphVersion !== graphVersionAt(seq - 1)) {
      throw new StaleGraphError('The graph is being laid down again from the change log; the change was not made.');
    }
    await checkVersions(tx, queries, pre);
  }
  const now = new Date().toISOString();
  const at = last.at !== null && last.at > now ? last.at : now;
  await tx.run(queries.text('change-append'), {
    seq: int(seq), at, actor: change.actor, kind: change.kind, dataset: change.dataset, reason: change.reason,
    citations: JSON.stringify(change.citations), op: JSON.stringify(change.op),
  });
  for (let i = 0; i < change.targets.length; i += TARGET_BATCH_SIZE) {
    const targets = change.targets.slice(i, i + TARGET_BATCH_SIZE).map((t) => ({ kind: t.kind, id: t.id, before: json(t.before), after: json(t.after) }));
    await tx.run(queries.text('change-append-targets'), { seq: int(seq), targets });
  }
  if (delta) {
    await writeDelta(tx, queries, delta, seq);
    await tx.run(queries.text('replace-graph-version'), { version: graphVersionAt(seq) });
  }
  return { ...change, seq, at };
}

/** Each precondition against the record held now (one without `record` at version 0): ConflictError at the first that fails. */
async function checkVersions(tx: Tx, queries: CypherQueries, pre: Preconditions): Promise<void> {
  const held = async (name: QueryName, ids: string[], key: 'entity' | 'relationship') => {
    if (ids.length === 0) return new Map<string, number>();
    const found = await rows(tx, queries.text(name), { ids });
    return new Map(found.map((r) => {
      const record = r[key] as { id: string; record: string | null };
      return [record.id, record.record === null ? 0 : (JSON.parse(record.record) as { version: number }).version];
    }));
  };
  const [entities, relationships] = [
    await held('get-entities', Object.keys(pre.entities), 'entity'),
    await held('get-relationships', Object.keys(pre.relationships), 'relationship'),
  ];
  for (const [kind, expected, found] of [['Entity', pre.entities, entities], ['Relationship', pre.relationships, relationships]] as const) {
    for (const [id, version] of Object.entries(expected)) {
      const current = found.get(id) ?? null;
      if (current !== version) {
        throw new ConflictError(
          `${kind} "${id}" changed meanwhile (version ${current ?? 'none'}, read ${version ?? 'none'}); nothing was written.`,
          'expectedVersion',
          current ?? 0,
        );
      }
    }
  }
}

/**
 * A change's writes to the graph, as replaceGraph would write the records: relationships
 * removed, entities removed (with their relationships and merged ids), entities merged on
 * id with their merged ids, relationships created anew at their (maybe moved) ends.
 */
async function writeDelta(tx: Tx, queries: CypherQueries, delta: GraphDelta, seq: number): Promise<void> {
  if (delta.removeRelationships.length) await tx.run(queries.text('change-delete-relationships'), { ids: delta.removeRelationships });
  if (delta.removeEntities.length) await tx.run(queries.text('change-delete-entities'), { ids: delta.removeEntities });
  if (delta.putEntities.length) {
    const entities = delta.putEntities.map((e) => stamp(e, seq));
    await tx.run(queries.text('replace-graph-entities'), { rows: entities.map(entityRow), entityTypes: ENTITY_TYPES });
    await tx.run(queries.text('change-merged-ids'), { entities: entities.map((e) => e.id), into: mergedIds(entities) });
  }
  if (delta.putRelationships.length) {
    const relationships = delta.putRelationships.map((r) => relationshipRow(stamp(r, seq)));
    const [row] = await rows(tx, queries.text('change-put-relationships'), { rows: relationships });
    if (Number(row?.written) !== relationships.length) {
      throw new Error(`Only ${Number(row?.written ?? 0)} of the ${relationships.length} relationships of the change have both ends in the graph; nothing was written.`);
    }
  }
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
