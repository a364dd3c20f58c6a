import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphData } from '../../domain/model';
import { ENTITY_TYPES } from '../../domain/vocabulary';
import type { ProgressListener } from '../store';
import type { CypherQueries } from './cypher-queries';
import { entityRow, relationshipRow, relationshipSignature } from './neo4j-rows';
import { rows } from './neo4j-runner';

/** Rows per UNWIND: large enough to keep round trips few, small enough to keep each statement's memory modest. */
export const BATCH_SIZE = 2000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) out.push(items.slice(i, i + BATCH_SIZE));
  return out;
}

function checkUnique(kind: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`The graph holds the ${kind} id "${id}" twice; nothing was loaded.`);
    seen.add(id);
  }
}

/** Rows checked and shaped before any transaction opens: a bad graph never reaches the database. */
export function prepareGraph(graph: GraphData) {
  checkUnique('entity', graph.entities.map((e) => e.id));
  checkUnique('relationship', graph.relationships.map((r) => r.id));
  return {
    entities: graph.entities.map(entityRow),
    relationships: graph.relationships.map(relationshipRow),
    keep: Object.fromEntries(graph.relationships.map((r) => [r.id, relationshipSignature(r)])),
    version: graph.version,
  };
}

/**
 * The body of replaceGraph's one write transaction. It changes only what differs
 * (MERGE on ids, deletes of what is gone), so loading the same graph twice changes
 * nothing; any error thrown here rolls all of it back.
 */
export async function replaceGraphIn(
  tx: ManagedTransaction,
  queries: CypherQueries,
  graph: ReturnType<typeof prepareGraph>,
  onProgress?: ProgressListener,
): Promise<void> {
  const total = graph.entities.length + graph.relationships.length;
  let done = 0;
  await tx.run(queries.text('replace-graph-delete-relationships'), { keep: graph.keep });
  await tx.run(queries.text('replace-graph-delete-entities'), { ids: graph.entities.map((e) => e.id) });
  for (const batch of batches(graph.entities)) {
    await tx.run(queries.text('replace-graph-entities'), { rows: batch, entityTypes: ENTITY_TYPES });
    onProgress?.((done += batch.length), total);
  }
  // Kept relationships are the same facts (the delete step saw to it): only new ones
  // are created and only changed ones set, so a second load of a graph writes nothing.
  const existing = new Map(
    (await rows(tx, queries.text('replace-graph-existing-relationships'), {})).map((r) => [r.id as string, `${r.properties}\u0000${r.sources}`]),
  );
  const fresh = graph.relationships.filter((r) => !existing.has(r.id));
  const changed = graph.relationships.filter((r) => existing.has(r.id) && existing.get(r.id) !== `${r.properties}\u0000${r.sources}`);
  done += graph.relationships.length - fresh.length;
  for (const batch of batches(changed)) {
    await tx.run(queries.text('replace-graph-update-relationships'), { rows: Object.fromEntries(batch.map((r) => [r.id, r])) });
  }
  for (const batch of batches(fresh)) {
    const [row] = await rows(tx, queries.text('replace-graph-relationships'), { rows: batch });
    const written = new Set(row?.written as string[] | undefined);
    const dangling = batch.filter((r) => !written.has(r.id));
    if (dangling.length) {
      const list = dangling.slice(0, 5).map((r) => `${r.id} (${r.from} -> ${r.to})`).join(', ');
      throw new Error(`${dangling.length} relationship(s) join an entity the graph does not hold, e.g. ${list}; nothing was loaded.`);
    }
    onProgress?.((done += batch.length), total);
  }
  await tx.run(queries.text('replace-graph-version'), { version: graph.version });
}

/** A load writes the whole graph: it may take longer than a query, whatever queryTimeoutMs says. */
export const LOAD_TIMEOUT_FLOOR_MS = 120_000;
