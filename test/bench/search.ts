/**
 * Search alone, in process, on each store: one client, the benchmark's Q3 terms
 * (synthetic-graph.ts picks.searchTerms) and the same terms with one letter changed
 * in each word of four letters or more, p50/p99 of `store.search(text, 10)`.
 *
 *   npx tsx test/bench/search.ts [small|medium|large] [seconds per set]
 *   NEO4J_URI=bolt://127.0.0.1:7690 npx tsx test/bench/search.ts medium   (Neo4j too; empties it)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { emptyDatabase } from './neo4j/empty-database';
import { syntheticGraph, type GraphSize } from './synthetic-graph';

const size = (process.argv[2] ?? 'medium') as GraphSize;
const seconds = Number(process.argv[3] ?? '5');
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** One letter of each word of 4+ letters replaced by the next one in the alphabet: a typo of one edit. */
const typo = (text: string) => text.replace(/\p{L}{4,}/gu, (w) => w.slice(0, 2) + (w[2] === 'z' ? 'a' : String.fromCharCode(w.charCodeAt(2) + 1)) + w.slice(3));

async function time(label: string, store: GraphStore, terms: string[]): Promise<void> {
  for (const t of terms.slice(0, 5)) await store.search(t, 10);
  const times: number[] = [];
  let hits = 0;
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end; i++) {
    const t = process.hrtime.bigint();
    hits += (await store.search(terms[i % terms.length]!, 10)).length;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`${label}: ${times.length} ops, p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms, ${(hits / times.length).toFixed(1)} hits/search`);
}

async function measure(kind: string, store: GraphStore, terms: string[]): Promise<void> {
  await time(`${kind} search, Q3 terms`, store, terms);
  await time(`${kind} search, Q3 terms with a typo`, store, terms.map(typo));
}

async function main(): Promise<void> {
  const graph = syntheticGraph(size);
  const terms = graph.picks.searchTerms;
  const dir = mkdtempSync(join(tmpdir(), 'search-measure-'));
  const embedded = new SqliteStore(join(dir, 'graph.sqlite'));
  await embedded.replaceGraph(graph);
  await measure('embedded', embedded, terms);
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const config = { uri, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? 'neo4j-password' };
    const driver = neo4j.driver(uri, neo4j.auth.basic(config.username, config.password));
    await emptyDatabase(driver);
    await driver.close();
    const store = await Neo4jStore.connect(config);
    await store.replaceGraph(graph);
    await measure('neo4j', store, terms);
    await store.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
