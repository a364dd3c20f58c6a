/**
 * Times the Neo4j store on a synthetic graph, one client: the import, then Q4-Q6
 * called on the store directly. Answers are hashed and compared with a saved
 * file, so a faster query that answers differently shows up.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7691 npx tsx test/bench/neo4j/measure.ts medium [--skip-load] [--empty] [--only Q4,Q5] [--iterations N]
 *     [--cypher-dir DIR] [--answers FILE] [--save]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Neo4jStore } from '../../../src/store/neo4j/neo4j-store';
import { emptyDatabase } from './empty-database';
import { syntheticGraph, type GraphSize } from '../synthetic-graph';

const args = process.argv.slice(2);
const size = (args.find((a) => !a.startsWith('--')) ?? 'medium') as GraphSize;
const flag = (name: string) => args.includes(name);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const iterations = Number(option('--iterations') ?? 40);
const only = option('--only');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7691';
  const store = await Neo4jStore.connect({ uri, username: 'neo4j', password: 'x', queryTimeoutMs: 600_000, cypherDir: option('--cypher-dir') });
  const graph = syntheticGraph(size);
  const { picks } = graph;
  if (!flag('--skip-load')) {
    if (flag('--empty')) {
      // Empty the database in chunks, outside the store.
      const neo4j = (await import('neo4j-driver')).default;
      const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'x'));
      await emptyDatabase(driver);
      await driver.close();
    }
    const started = Date.now();
    await store.replaceGraph(graph);
    const s = (Date.now() - started) / 1000;
    console.log(`import ${size}: ${s.toFixed(1)} s, ${Math.round(graph.relationships.length / s)} relationships/s`);
    if (flag('--twice')) {
      const again = Date.now();
      await store.replaceGraph(graph);
      console.log(`import again: ${((Date.now() - again) / 1000).toFixed(1)} s`);
    }
    console.log(JSON.stringify(await store.stats()));
  }
  const hash = createHash('sha256');
  const answers: Record<string, string> = {};
  const record = (key: string, value: unknown) => {
    const h = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
    answers[key] = h;
    hash.update(h);
  };
  const cases: [string, (i: number) => Promise<unknown>, number][] = [
    ['Q4', (i) => store.neighbourhood(picks.hubs[i % picks.hubs.length]!, 2, { limit: 1000 }), picks.hubs.length],
    ['Q5', (i) => { const [a, b] = picks.pairs[i % picks.pairs.length]!; return store.shortestPath(a, b, 6, {}); }, picks.pairs.length],
    ['Q6', (i) => store.dependencies(picks.corePlatforms[i % picks.corePlatforms.length]!, 'DOWNSTREAM', 5, { limit: 1000 }), picks.corePlatforms.length],
    ['Q6up', (i) => store.dependencies(picks.ids[i % picks.ids.length]!, 'UPSTREAM', 5, { limit: 1000 }), Math.min(picks.ids.length, 50)],
  ];
  for (const [name, call, distinct] of cases) {
    if (only && !only.split(',').includes(name)) continue;
    for (let i = 0; i < distinct; i++) record(`${name}:${i}`, await call(i)); // warm-up and answers
    const times: number[] = [];
    let sizeInfo = '';
    for (let i = 0; i < iterations; i++) {
      const t = process.hrtime.bigint();
      const out = (await call(i)) as { nodes: unknown[]; relationships: unknown[]; truncated?: boolean } | null;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (i === 0) sizeInfo = out ? `nodes=${out.nodes.length} rels=${out.relationships.length}${out.truncated !== undefined ? ` truncated=${out.truncated}` : ''}` : 'null';
    }
    console.log(`${name.padEnd(5)} p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  (${iterations} calls, ${distinct} distinct; first: ${sizeInfo})`);
  }
  const file = option('--answers') ?? `/tmp/neo4j-helper-answers-${size}.json`;
  if (flag('--save')) {
    writeFileSync(file, JSON.stringify(answers, null, 1));
    console.log(`answers saved to ${file}`);
  } else if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const diff = Object.keys(answers).filter((k) => saved[k] !== undefined && saved[k] !== answers[k]);
    console.log(diff.length ? `ANSWERS DIFFER: ${diff.join(' ')}` : `answers same as ${file} (${Object.keys(answers).filter((k) => saved[k]).length} compared)`);
  }
  await store.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
