/**
 * Times each statement of replaceGraph on a synthetic graph: the store's own
 * transaction body, with tx.run wrapped to time and count each query.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7691 npx tsx test/bench/neo4j/import-steps.ts medium [--keep]
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { CypherQueries, QUERY_NAMES } from '../../../src/store/neo4j/cypher-queries';
import { Neo4jStore } from '../../../src/store/neo4j/neo4j-store';
import { prepareGraph, replaceGraphIn } from '../../../src/store/neo4j/replace-graph';
import { emptyDatabase } from './empty-database';
import { syntheticGraph, type GraphSize } from '../synthetic-graph';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = (args.find((a) => !a.startsWith('--')) ?? 'medium') as GraphSize;
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7691';
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'x'), { disableLosslessIntegers: true });
  if (!args.includes('--keep')) await emptyDatabase(driver);
  await (await Neo4jStore.connect({ uri, username: 'neo4j', password: 'x' })).close();
  const queries = CypherQueries.load();
  const names = new Map<string, string>();
  for (const name of QUERY_NAMES) if (name.startsWith('replace-graph')) names.set(queries.text(name), name);
  const graph = syntheticGraph(size);
  let t0 = Date.now();
  const prepared = prepareGraph(graph);
  console.log(`prepare ${Date.now() - t0} ms`);
  const totals = new Map<string, { ms: number; n: number }>();
  const session = driver.session();
  t0 = Date.now();
  await session.executeWrite(async (tx) => {
    const timed = new Proxy(tx, {
      get(target, prop) {
        if (prop !== 'run') return (target as any)[prop];
        return async (q: string, p: any) => {
          const s = Date.now();
          const r = await target.run(q, p);
          const name = names.get(q) ?? q.split('\n').find((l) => !l.startsWith('//'))!.slice(0, 60);
          const t = totals.get(name) ?? { ms: 0, n: 0 };
          t.ms += Date.now() - s; t.n++;
          totals.set(name, t);
          return r;
        };
      },
    }) as ManagedTransaction;
    await replaceGraphIn(timed, queries, prepared as any);
    console.log(`body done ${Date.now() - t0} ms`);
  }, { timeout: 3_600_000 });
  const total = Date.now() - t0;
  for (const [name, t] of totals) console.log(`${name.padEnd(45)} ${String(t.n).padStart(4)} runs ${String(t.ms).padStart(7)} ms`);
  console.log(`total with commit ${total} ms, ${Math.round(graph.relationships.length / (total / 1000))} relationships/s`);
  await session.close();
  await driver.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
