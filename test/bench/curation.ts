/**
 * Curation, measured on each store: mutations per second through the API (in process, JSON
 * POSTs with an editor's token) with one client and with eight; the cost of `asOf` against a
 * current read after `edits` edits (the first asOf of an instant builds its graph; later ones
 * read it); and the log's growth per change.
 *
 *   npx tsx test/bench/curation.ts [small|medium] [edits]            (default medium 10000)
 *   NEO4J_URI=bolt://127.0.0.1:7690 npx tsx test/bench/curation.ts medium   (Neo4j too; empties it)
 */
import Database from 'better-sqlite3';
import neo4j from 'neo4j-driver';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_ACTOR, type Operation } from '../../src/changes/change';
import { loadTargets } from '../../src/curation/fold';
import { appendChange } from '../../src/curation/curate';
import { layDown } from '../../src/curation/lay-down';
import { createApp, type App } from '../../src/http/app';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { emptyDatabase } from './neo4j/empty-database';
import { SYNTHETIC_DOCUMENT, syntheticGraph, type GraphSize, type SyntheticGraph } from './synthetic-graph';

const size = (process.argv[2] ?? 'medium') as GraphSize;
const EDITS = Number(process.argv[3] ?? '10000');
/** Mutations timed with one client, and with eight. */
const TIMED = 400;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } } }`;
const ADD_REL = `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { change { seq } } }`;
const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { change { seq } } }`;
const cite = [{ document: SYNTHETIC_DOCUMENT, quote: 'a synthetic statement', section: 'answer-1' }];

async function post(app: App, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data!;
}

const RUNS = ['warm', 'one', 'eight', 'bulk', 'batch'];

/** The i-th edit of a run: mostly corrections of existing entities, some new entities and relationships. */
function edit(graph: SyntheticGraph, run: string, i: number): [string, Record<string, unknown>] {
  const ids = graph.entities;
  const pick = (k: number) => ids[(i * 7919 + k * 104729) % ids.length]!.id;
  switch (i % 4) {
    case 0:
    case 1:
      return [UPDATE, { input: { id: pick(1), properties: { reviewed: `${run}-${i}` }, citations: cite, reason: 'bench correction' } }];
    case 2:
      return [CREATE, { input: { id: `bench-${run}-${i}`, type: 'Platform', label: `Bench ${run} ${i}`, citations: cite, reason: 'bench entity' } }];
    default: {
      // From the a-th entity to the one `shift` after it: a pair no other edit of any run links.
      const a = (i >> 2) % ids.length;
      const shift = 1 + RUNS.indexOf(run) * 101;
      return [ADD_REL, { input: { type: 'USES', from: ids[a]!.id, to: ids[(a + shift) % ids.length]!.id, citations: cite, reason: 'bench relationship' } }];
    }
  }
}

/** `count` edits from `clients` clients at once: mutations per second and latency. */
async function mutations(app: App, token: string, graph: SyntheticGraph, run: string, count: number, clients: number): Promise<string> {
  const times: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < count; i = next++) {
      const [q, v] = edit(graph, run, i);
      const t = process.hrtime.bigint();
      await post(app, token, q, v);
      times.push(ms(t));
    }
  }));
  const total = ms(start);
  return `${(count / (total / 1000)).toFixed(0)} mutations/s, p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms`;
}

const BATCH = `mutation($input: ApplyChangesInput!) { applyChanges(input: $input) { changes { seq } } }`;
const OPERATION = new Map([[UPDATE, 'updateEntity'], [CREATE, 'createEntity'], [ADD_REL, 'addRelationship']]);

/** `count` edits as batches of `size` (applyChanges), one client: operations per second and the time in all. */
async function batches(app: App, token: string, graph: SyntheticGraph, count: number, size: number): Promise<string> {
  const start = process.hrtime.bigint();
  for (let from = 0; from < count; from += size) {
    const operations = Array.from({ length: Math.min(size, count - from) }, (_, k) => {
      const [q, v] = edit(graph, 'batch', from + k);
      return { [OPERATION.get(q)!]: v.input };
    });
    await post(app, token, BATCH, { input: { operations, reason: 'bench batch', citations: cite } });
  }
  const total = ms(start);
  return `${(count / (total / 1000)).toFixed(0)} operations/s, ${(total / 1000).toFixed(1)} s in all`;
}

/** p50 of `fn` over `rounds` calls. */
async function p50(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(ms(t));
  }
  return quantile(times, 0.5);
}

async function measure(kind: string, store: GraphStore, graph: SyntheticGraph, fileSize?: () => number): Promise<void> {
  let t = process.hrtime.bigint();
  const op: Extract<Operation, { kind: 'LOAD' }> = { kind: 'LOAD', dataset: 'synthetic', version: 'v1', entities: graph.entities, relationships: graph.relationships };
  await appendChange(store, { kind: 'LOAD', actor: SEED_ACTOR, dataset: 'synthetic', reason: 'bench', citations: [], op, targets: loadTargets(null, op) });
  await layDown(store);
  console.log(`${kind}: loaded ${graph.entities.length} entities, ${graph.relationships.length} relationships as a dataset in ${(ms(t) / 1000).toFixed(1)} s`);
  const app = createApp(store, { graphiql: false });
  const { secret } = await store.createToken({ name: 'bench', role: 'editor' });
  const [load] = await store.listChanges({ kinds: ['LOAD'], first: 1, targets: false });
  await mutations(app, secret, graph, 'warm', 40, 1);
  console.log(`${kind}: 1 client,  ${TIMED} mutations: ${await mutations(app, secret, graph, 'one', TIMED, 1)}`);
  console.log(`${kind}: 8 clients, ${TIMED} mutations: ${await mutations(app, secret, graph, 'eight', TIMED, 8)}`);
  const before = { size: fileSize?.(), changes: await store.lastChange() };
  t = process.hrtime.bigint();
  console.log(`${kind}: 8 clients, ${EDITS} edits: ${await mutations(app, secret, graph, 'bulk', EDITS, 8)} (${(ms(t) / 1000).toFixed(0)} s)`);
  const after = { size: fileSize?.(), changes: await store.lastChange() };
  console.log(`${kind}: ${EDITS} edits as batches of 500: ${await batches(app, secret, graph, EDITS, 500)}`);
  const added = await store.listChanges({ after: before.changes });
  const logical = added.reduce((n, c) => n + JSON.stringify(c).length, 0) / added.length;
  const file = before.size !== undefined ? `; the database file grew ${((after.size! - before.size) / (after.changes - before.changes)).toFixed(0)} bytes per change (graph writes included)` : '';
  console.log(`${kind}: the log: ${logical.toFixed(0)} bytes of JSON per change (operation, citations, records before and after)${file}`);

  const hub = graph.picks.hubs[0]!;
  const id = graph.picks.ids[0]!;
  const node = `query($id: ID!, $t: DateTime) { node(id: $id, asOf: $t) { id label version relationships { id } } }`;
  const around = `query($id: ID!, $t: DateTime) { neighbourhood(id: $id, depth: 2, limit: 1000, asOf: $t) { nodes { id } relationships { id } } }`;
  const first = process.hrtime.bigint();
  await post(app, secret, node, { id, t: load!.at });
  console.log(`${kind}: asOf the load, first call (folds ${after.changes} changes into a graph): ${(ms(first) / 1000).toFixed(2)} s`);
  for (const [name, q, subject] of [['node with its relationships', node, id], ['neighbourhood depth 2 of a hub', around, hub]] as const) {
    const now = await p50(30, () => post(app, secret, q, { id: subject }));
    const then = await p50(30, () => post(app, secret, q, { id: subject, t: load!.at }));
    console.log(`${kind}: ${name}: current p50 ${now.toFixed(2)} ms, asOf (graph kept) p50 ${then.toFixed(2)} ms`);
  }
}

async function main(): Promise<void> {
  const graph = syntheticGraph(size);
  const dir = mkdtempSync(join(tmpdir(), 'curation-bench-'));
  const file = join(dir, 'graph.sqlite');
  const embedded = new SqliteStore(file);
  const sizeOf = () => {
    const db = new Database(file);
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    return statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  };
  await measure('embedded', embedded, graph, sizeOf);
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const config = { uri, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? 'neo4j-password', queryTimeoutMs: 600_000 };
    const driver = neo4j.driver(uri, neo4j.auth.basic(config.username, config.password));
    await emptyDatabase(driver);
    await driver.close();
    const store = await Neo4jStore.connect(config);
    await measure('neo4j', store, graph);
    await store.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
