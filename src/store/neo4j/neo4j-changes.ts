import neo4j from 'neo4j-driver';
import type { GraphDelta } from '../../changes/change';
import { planCommit } from '../../changes/commit-plan';
import { NotRead, type CommitWork, type Committed, type LogEnd } from '../../changes/reads';
import { ConflictError } from '../../domain/errors';
import type { Entity, Relationship } from '../../domain/model';
import { ENTITY_TYPES } from '../../domain/vocabulary';
import type { CypherQueries } from './cypher-queries';
import { Neo4jView } from './neo4j-view';
import { entityRow, mergedIds, relationshipRow } from './neo4j-rows';
import { rows, type Tx } from './neo4j-runner';

/** Targets per statement when a change is appended: a seed file's LOAD touches every record it holds. */
const TARGET_BATCH_SIZE = 2000;

const int = (n: number) => neo4j.int(n);

/**
 * Takes the log's lock (change-lock.cypher), then reads where the log ends, sent together:
 * the transaction runs them in order, so the read sees what every writer before it
 * committed, and no other commit, nor laying down of the graph, runs until this one ends.
 */
function lockAndRead(tx: Tx, queries: CypherQueries): Promise<LogEnd> {
  return rows(tx, queries.text('change-lock'), {}).then(([row]): LogEnd => ({
    seq: Number(row?.seq ?? 0),
    at: (row?.at as string | null | undefined) ?? null,
    graphVersion: (row?.graphVersion as string | null | undefined) ?? null,
  }));
}

/** For replaceGraph of a graph folded through change `seq`: locks the log, and throws ConflictError unless it ends there. */
export async function checkLast(tx: Tx, queries: CypherQueries, seq: number): Promise<void> {
  const end = await lockAndRead(tx, queries);
  if (end.seq !== seq) throw new ConflictError(`The change log ends at change ${end.seq}, not ${seq}: the graph must be folded again.`);
}

/** Reads asked for beyond the first, in one commit, at most: a plan that keeps asking is a bug. */
const MORE_READS = 5;

/**
 * The body of commit's one write transaction, in two round trips and the commit. First, sent
 * together, the log locked, where it ends, and everything the work asks to read (Neo4jView),
 * read under the lock; then the plan (src/changes/reads.ts), run on what was read, one more
 * round trip for each NotRead it throws; then planCommit's changes, targets, dataset heads
 * and writes to the graph (every record stamped), all sent at once. A throw anywhere rolls
 * all of it back; the Promise.all calls leave no statement's failure unhandled.
 */
export async function commitIn(tx: Tx, queries: CypherQueries, work: CommitWork): Promise<Committed> {
  const view = new Neo4jView();
  const end = await view.begin(tx, queries, work.reads);
  let planned: ReturnType<CommitWork['plan']>;
  for (let more = 0; ; more++) {
    try {
      planned = work.plan(view);
      break;
    } catch (error) {
      if (!(error instanceof NotRead) || more >= MORE_READS) throw error;
      await view.load(tx, queries, error.request);
    }
  }
  if ('replay' in planned) return { changes: planned.replay, replayed: true, entities: new Map(), relationships: new Map() };
  const plan = planCommit(end, planned, new Date().toISOString());
  // Shaped before anything is sent: a record the rows refuse throws with nothing written.
  const shaped = plan.writes && shapeDelta(plan.writes);
  const targets = plan.changes.flatMap((c) => c.targets.map((t) => ({ seq: int(c.seq), kind: t.kind, id: t.id, before: json(t.before), after: json(t.after) })));
  const writes: Promise<unknown>[] = [tx.run(queries.text('change-write-log'), {
    changes: plan.changes.map((c) => ({
      seq: int(c.seq), at: c.at, actor: c.actor, kind: c.kind, dataset: c.dataset, reason: c.reason,
      citations: JSON.stringify(c.citations), op: JSON.stringify(c.op), requestKey: c.requestKey?.key ?? null, requestDigest: c.requestKey?.digest ?? null,
    })),
    targets: targets.slice(0, TARGET_BATCH_SIZE),
    heads: plan.heads.map((h) => ({ ...h, seq: int(h.seq) })),
    version: plan.graphVersion,
  })];
  for (let i = TARGET_BATCH_SIZE; i < targets.length; i += TARGET_BATCH_SIZE) {
    writes.push(tx.run(queries.text('change-append-targets'), { targets: targets.slice(i, i + TARGET_BATCH_SIZE) }));
  }
  if (shaped) writes.push(...writeDelta(tx, queries, shaped));
  await Promise.all(writes);
  return {
    changes: plan.changes,
    replayed: false,
    entities: new Map((plan.writes?.putEntities ?? []).map((e) => [e.id, e])),
    relationships: new Map((plan.writes?.putRelationships ?? []).map((r) => [r.id, r])),
  };
}

/** A plan's writes (its records stamped already) shaped as replaceGraph writes them. */
function shapeDelta(delta: GraphDelta) {
  return {
    deleteRelationships: [...delta.removeRelationships, ...delta.putRelationships.map((r) => r.id)],
    deleteEntities: delta.removeEntities,
    entities: delta.putEntities.map(entityRow),
    mergedInto: mergedIds(delta.putEntities),
    relationships: delta.putRelationships.map(relationshipRow),
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
