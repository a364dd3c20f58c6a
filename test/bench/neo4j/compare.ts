/**
 * Compares versions of one traversal query on the loaded synthetic graph, runs
 * interleaved so that a noisy machine treats them alike: median wall time and the
 * server's own time (available + consumed) per version, and whether they answer alike.
 *   npx tsx test/bench/neo4j/compare.ts neighbourhood|shortest-path|dependencies-downstream FILE... [--size S] [--rounds N]
 * A FILE of "-" is the project's cypher/ version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { DEPENDENCY_TYPES } from '../../../src/domain/vocabulary';
import { CypherQueries, type DepthQueryName } from '../../../src/store/neo4j/cypher-queries';
import { syntheticGraph, type GraphSize } from '../synthetic-graph';
import { connect } from './profile';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string, fallback: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1]! : fallback);
  const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const name = positional[0] as DepthQueryName;
  const files = positional.slice(1);
  const size = value('--size', 'medium') as GraphSize;
  const rounds = Number(value('--rounds', '10'));
  const { picks } = syntheticGraph(size);
  const depth = Number(value('--depth', name === 'neighbourhood' ? '2' : name === 'shortest-path' ? '6' : '5'));
  const texts = files.map((f) => (f === '-' ? CypherQueries.load().text(name) : readFileSync(f, 'utf8')).replace(/\{\{maxDepth\}\}/g, String(depth)));
  const cases: Record<string, unknown>[] =
    name === 'neighbourhood' ? picks.hubs.map((id) => ({ id, types: null, limit: neo4j.int(1000) }))
    : name === 'shortest-path' ? picks.pairs.slice(0, 40).map(([from, to]) => ({ from, to, types: null }))
    : name === 'dependencies-downstream' ? picks.corePlatforms.map((id) => ({ id, types: DEPENDENCY_TYPES, limit: neo4j.int(1000) }))
    : picks.ids.slice(0, 20).map((id) => ({ id, types: DEPENDENCY_TYPES, limit: neo4j.int(1000) }));
  const driver = connect();
  const wall: number[][] = texts.map(() => []);
  const server: number[][] = texts.map(() => []);
  const answers: string[][] = texts.map(() => []);
  for (let round = -1; round < rounds; round++) {
    for (const [c, params] of cases.entries()) {
      for (const [v, text] of texts.entries()) {
        const started = process.hrtime.bigint();
        const result = await driver.executeQuery(text, params, { routing: 'READ' });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (round < 0) {
          answers[v]![c] = createHash('sha256').update(JSON.stringify(result.records.map((r) => r.toObject()))).digest('hex').slice(0, 12);
          continue;
        }
        wall[v]!.push(ms);
        server[v]!.push(Number(result.summary.resultAvailableAfter) + Number(result.summary.resultConsumedAfter));
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
  for (const [v, f] of files.entries()) {
    const same = answers[v]!.every((a, c) => a === answers[0]![c]);
    console.log(`${f.padEnd(40)} wall p50 ${median(wall[v]!).toFixed(1)} p99 ${p99(wall[v]!).toFixed(1)} ms, server p50 ${median(server[v]!)} p99 ${p99(server[v]!)} ms ${v ? (same ? 'same answers' : 'ANSWERS DIFFER ' + answers[v]!.map((a, c) => (a === answers[0]![c] ? '.' : 'x')).join('')) : ''}`);
  }
  await driver.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
