import { GraphRefusedError } from '../../domain/errors';
import type { GraphData } from '../../domain/model';
import { ENTITY_TYPES } from '../../domain/vocabulary';
import { checkGraph } from '../check-graph';
import type { ProgressListener } from '../store';
import type { CypherQueries } from './cypher-queries';
import { checkLast } from './neo4j-changes';
import { entityRow, mergedIds, relationshipContent, relationshipRow, relationshipSignature } from './neo4j-rows';
import { rows, type Tx } from './neo4j-runner';

/** Rows per UNWIND: large enough to keep round trips few, small enough to keep each statement's memory modest. */
export const BATCH_SIZE = 2000;
/** Relationships per statement: they travel as a few long strings (see replace-graph-relationships.cypher). */
export const RELATIONSHIP_BATCH_SIZE = 10000;
/**
 * Statements sent ahead of the one the database is running: the driver encodes the
 * next batch while the database writes the previous one.
 */
const IN_FLIGHT = 3;

type EntityRow = ReturnType<typeof entityRow>;
type RelationshipRow = ReturnType<typeof relationshipRow>;

function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows checked and shaped before any transaction opens: a bad graph never reaches the database. */
export function prepareGraph(graph: GraphData) {
  checkGraph(graph);
  return {
    entities: graph.entities.map(entityRow),
    relationships: graph.relationships.map(relationshipRow),
    keep: Object.fromEntries(graph.relationships.map((r) => [r.id, relationshipSignature(r)])),
    mergedInto: mergedIds(graph.entities),
    version: graph.version,
    throughChange: graph.throughChange,
  };
}

type PreparedGraph = ReturnType<typeof prepareGraph>;

/**
 * Characters that may join the values of a column. JSON text never holds a raw
 * control character; ids are checked, and the first character none holds is used.
 */
const SEPARATORS = ['\u001f', '\u001e', '\u001d', '\u001c', '\u0001', '\u0002', '\u0003', '\u0004'];

function separatorFor(values: readonly string[]): string {
  for (const sep of SEPARATORS) {
    if (!values.some((v) => v.includes(sep))) return sep;
  }
  throw new GraphRefusedError('The graph holds ids containing every control character the loader can use as a separator; nothing was loaded.');
}

/** Entity id to element id, for the entities written in this transaction. */
type ElementIds = Map<string, string>;

function addElementIds(into: ElementIds, row: Record<string, unknown> | undefined): void {
  const ids = (row?.ids ?? []) as string[];
  const elementIds = (row?.elementIds ?? []) as string[];
  ids.forEach((id, i) => into.set(id, elementIds[i]!));
}

function elementIdOf(nodes: ElementIds, id: string): string {
  const elementId = nodes.get(id);
  // prepareGraph checked every end is an entity of the graph, and all were written.
  if (elementId === undefined) throw new Error(`The entity "${id}" was not written; nothing was loaded.`);
  return elementId;
}

/** The parameters of replace-graph-relationships.cypher for rows of one type. */
function relationshipColumns(type: string, rows: readonly RelationshipRow[], nodes: ElementIds) {
  const ids = rows.map((r) => r.id);
  const froms = rows.map((r) => elementIdOf(nodes, r.from));
  const tos = rows.map((r) => elementIdOf(nodes, r.to));
  // JSON text never holds a raw control character: only ids and element ids are checked.
  const separator = separatorFor([...ids, ...froms, ...tos]);
  return {
    type,
    separator,
    ids: ids.join(separator),
    froms: froms.join(separator),
    tos: tos.join(separator),
    properties: rows.map((r) => r.properties).join(separator),
    sources: rows.map((r) => r.sources).join(separator),
    modalities: rows.map((r) => r.modality).join(separator),
    times: rows.map((r) => r.time).join(separator),
    validFroms: rows.map((r) => r.validFrom).join(separator),
    validTos: rows.map((r) => r.validTo).join(separator),
    inferreds: rows.map((r) => r.inferred ?? '').join(separator),
    records: rows.map((r) => r.record ?? '').join(separator),
  };
}

/**
 * Runs statements in order in one transaction, keeping up to IN_FLIGHT sent ahead;
 * `done` is called with each one's first row as it completes, in order.
 */
async function pipelined(
  tx: Tx,
  statements: Iterable<{ query: string; params: Record<string, unknown>; done: (row: Record<string, unknown> | undefined) => void }>,
): Promise<void> {
  const running: Promise<void>[] = [];
  try {
    for (const s of statements) {
      const result = tx.run(s.query, s.params);
      running.push(result.then((r) => s.done(r.records[0]?.toObject())));
      if (running.length > IN_FLIGHT) await running.shift();
    }
    while (running.length) await running.shift();
  } finally {
    // A failure leaves the others to settle (and fail) on their own: none is left unhandled.
    for (const p of running) p.catch(() => undefined);
  }
}

/** Creates relationships the database does not hold yet, grouped by type. */
async function createRelationships(
  tx: Tx,
  queries: CypherQueries,
  fresh: readonly RelationshipRow[],
  nodes: ElementIds,
  progress: (n: number) => void,
): Promise<void> {
  const byType = new Map<string, RelationshipRow[]>();
  for (const r of fresh) {
    const group = byType.get(r.type);
    if (group) group.push(r);
    else byType.set(r.type, [r]);
  }
  function* statements() {
    for (const [type, group] of byType) {
      for (const batch of batches(group, RELATIONSHIP_BATCH_SIZE)) {
        yield {
          query: queries.text('replace-graph-relationships'),
          params: relationshipColumns(type, batch, nodes),
          done: (row: Record<string, unknown> | undefined) => {
            // Every end was checked in prepareGraph; a difference here means the database changed under us.
            if (Number(row?.written) !== batch.length) {
              throw new Error(`Only ${Number(row?.written ?? 0)} of ${batch.length} ${type} relationships could be written; nothing was loaded.`);
            }
            progress(batch.length);
          },
        };
      }
    }
  }
  await pipelined(tx, statements());
}

/**
 * The body of replaceGraph's one write transaction. It changes only what differs
 * (MERGE on ids, deletes of what is gone), so loading the same graph twice changes
 * nothing; any error thrown here rolls all of it back. Into a database holding no
 * graph, everything is created without looking for what exists.
 */
export async function replaceGraphIn(
  tx: Tx,
  queries: CypherQueries,
  graph: PreparedGraph,
  onProgress?: ProgressListener,
): Promise<void> {
  const total = graph.entities.length + graph.relationships.length;
  let done = 0;
  const progress = (n: number) => onProgress?.((done += n), total);
  // A graph folded through a change is written only if the log still ends there (curation/lay-down.ts
  // folds again); the log stays locked until this transaction ends, so no change commits meanwhile.
  if (graph.throughChange !== undefined) await checkLast(tx, queries, graph.throughChange);
  const [state] = await rows(tx, queries.text('replace-graph-state'), {});
  if (Number(state?.entities) === 0 && Number(state?.relationships) === 0) {
    await createAll(tx, queries, graph, progress);
  } else {
    await updateAll(tx, queries, graph, progress);
  }
  await tx.run(queries.text('replace-graph-merged-ids'), { into: graph.mergedInto });
  await tx.run(queries.text('replace-graph-version'), { version: graph.version });
}

/** Into an empty database: entities, then relationships, all created. */
async function createAll(tx: Tx, queries: CypherQueries, graph: PreparedGraph, progress: (n: number) => void): Promise<void> {
  const nodes: ElementIds = new Map();
  await pipelined(
    tx,
    batches(graph.entities).map((batch: EntityRow[]) => ({
      query: queries.text('replace-graph-create-entities'),
      params: { rows: batch },
      done: (row) => {
        addElementIds(nodes, row);
        progress(batch.length);
      },
    })),
  );
  await createRelationships(tx, queries, graph.relationships, nodes, progress);
}

/** Over a graph: deletes what is gone, merges entities, creates new relationships and sets changed ones. */
async function updateAll(tx: Tx, queries: CypherQueries, graph: PreparedGraph, progress: (n: number) => void): Promise<void> {
  await tx.run(queries.text('replace-graph-delete-relationships'), { keep: graph.keep });
  await tx.run(queries.text('replace-graph-delete-entities'), { ids: graph.entities.map((e) => e.id) });
  const nodes: ElementIds = new Map();
  for (const batch of batches(graph.entities)) {
    const [row] = await rows(tx, queries.text('replace-graph-entities'), { rows: batch, entityTypes: ENTITY_TYPES });
    addElementIds(nodes, row);
    progress(batch.length);
  }
  // Kept relationships are the same facts (the delete step saw to it): only new ones
  // are created and only changed ones set, so a second load of a graph writes nothing.
  const existing = new Map(
    (await rows(tx, queries.text('replace-graph-existing-relationships'), {})).map((r) => [r.id as string, relationshipContent(r)]),
  );
  const fresh = graph.relationships.filter((r) => !existing.has(r.id));
  const changed = graph.relationships.filter((r) => existing.has(r.id) && existing.get(r.id) !== relationshipContent(r));
  progress(graph.relationships.length - fresh.length);
  for (const batch of batches(changed)) {
    await tx.run(queries.text('replace-graph-update-relationships'), { rows: Object.fromEntries(batch.map((r) => [r.id, r])) });
  }
  await createRelationships(tx, queries, fresh, nodes, progress);
}

/** A load writes the whole graph: it may take longer than a query, whatever queryTimeoutMs says. */
export const LOAD_TIMEOUT_FLOOR_MS = 120_000;
