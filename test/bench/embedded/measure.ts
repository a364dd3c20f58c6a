/**
 * The embedded store alone, in process: import rate and one-client latency of the
 * traversal queries (Q4-Q6) on a synthetic graph, without HTTP.
 *
 *   npx tsx test/bench/embedded/measure.ts [small|medium|large] [seconds per query]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/store/embedded/sqlite-store';
import { BOUNDS } from '../queries';
import { syntheticGraph } from '../synthetic-graph';

const size = (process.argv[2] ?? 'medium') as 'small' | 'medium' | 'large';
const seconds = Number(process.argv[3] ?? '5');
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function time(label: string, inputs: unknown[], op: (input: never) => Promise<unknown>): Promise<void> {
  for (const input of inputs.slice(0, 5)) await op(input as never);
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end; i++) {
    const t = process.hrtime.bigint();
    await op(inputs[i % inputs.length] as never);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`${label}: ${times.length} ops, p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms`);
}

async function main(): Promise<void> {
  const graph = syntheticGraph(size);
  const dir = mkdtempSync(join(tmpdir(), 'embedded-measure-'));
  const store = new SqliteStore(join(dir, 'graph.sqlite'));
  const started = process.hrtime.bigint();
  await store.replaceGraph(graph);
  const importSec = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`import: ${graph.relationships.length} relationships in ${importSec.toFixed(2)} s, ${(graph.relationships.length / importSec).toFixed(0)}/s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  const { hubs, pairs, corePlatforms } = graph.picks;
  await time('Q4 neighbourhood', hubs, (id: string) => store.neighbourhood(id, BOUNDS.neighbourhoodDepth, { limit: BOUNDS.nodeLimit }));
  await time('Q5 shortestPath', pairs, ([a, b]: [string, string]) => store.shortestPath(a, b, BOUNDS.pathMaxDepth, {}));
  await time('Q6 dependencies', corePlatforms, (id: string) => store.dependencies(id, 'DOWNSTREAM', BOUNDS.dependencyDepth, { limit: BOUNDS.nodeLimit }));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
