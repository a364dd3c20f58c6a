/**
 * Store calls per GraphQL query: a nested query at growing result sizes, on the
 * embedded store and, when NEO4J_URI is set, on Neo4j. Per-request batching keeps
 * the count at one call per level of the query, whatever the size of its result.
 *
 *   npx tsx test/bench/store-calls.ts            (embedded)
 *   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx test/bench/store-calls.ts
 */
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { countCalls } from '../helpers/count-calls';

const nested = (first: number) => `{
  entities(first: ${first}) { nodes { name
    relationships { type sources { document { name } }
      from { name } to { name relationships(direction: OUT) { to { name } } } } } } }`;

async function measure(kind: string, store: GraphStore): Promise<void> {
  await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
  const counted = countCalls(store);
  const app = createApp(counted.store, { graphiql: false });
  for (const first of [1, 10, 100]) {
    counted.reset();
    const started = process.hrtime.bigint();
    const res = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: nested(first) }),
    });
    const body = (await res.json()) as { data: { entities: { nodes: { relationships: unknown[] }[] } } };
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const nodes = body.data.entities.nodes;
    const rels = nodes.reduce((n, e) => n + e.relationships.length, 0);
    console.log(
      `${kind.padEnd(8)} first=${String(first).padEnd(3)} entities=${String(nodes.length).padEnd(3)} relationships=${String(rels).padEnd(4)} ` +
        `store calls=${counted.total()} ${JSON.stringify(counted.calls)} ${ms.toFixed(1)} ms`,
    );
  }
  await store.close();
}

async function main(): Promise<void> {
  await measure('embedded', new SqliteStore(':memory:'));
  const uri = process.env.NEO4J_URI;
  if (uri) await measure('neo4j', await Neo4jStore.connect({ uri, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' }));
  else console.log('neo4j    SKIPPED: NEO4J_URI is not set');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
