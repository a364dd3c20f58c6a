/**
 * PROFILE of a traversal query on the loaded synthetic graph (medium by default):
 *   npx tsx test/bench/neo4j/profile-traversal.ts neighbourhood|shortest-path|dependencies-downstream [FILE.cypher] [--size large]
 * Prints the best of five timings, total db hits and the plan.
 */
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { DEPENDENCY_TYPES } from '../../../src/domain/vocabulary';
import { CypherQueries, type DepthQueryName } from '../../../src/store/neo4j/cypher-queries';
import { syntheticGraph, type GraphSize } from '../synthetic-graph';
import { connect, profile } from './profile';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args[0] as DepthQueryName;
  const file = args[1] && !args[1].startsWith('--') ? args[1] : undefined;
  const size = (args.includes('--size') ? args[args.indexOf('--size') + 1] : 'medium') as GraphSize;
  const pick = Number(args.includes('--pick') ? args[args.indexOf('--pick') + 1] : 0);
  const { picks } = syntheticGraph(size);
  const depth = name === 'neighbourhood' ? 2 : name === 'shortest-path' ? 6 : 5;
  const raw = file ? readFileSync(file, 'utf8') : CypherQueries.load().text(name);
  const text = raw.replace(/\{\{maxDepth\}\}/g, String(depth));
  const params =
    name === 'neighbourhood' ? { id: picks.hubs[pick], types: null, limit: neo4j.int(1000) }
    : name === 'shortest-path' ? { from: picks.pairs[pick]![0], to: picks.pairs[pick]![1], types: null }
    : { id: name === 'dependencies-downstream' ? picks.corePlatforms[pick] : picks.ids[pick], types: DEPENDENCY_TYPES, limit: neo4j.int(1000) };
  const driver = connect();
  const times: number[] = [];
  let last;
  for (let i = 0; i < 5; i++) {
    last = await profile(driver, text, params);
    times.push(last.ms);
  }
  console.log(`${name} ${file ?? ''}: best ${Math.min(...times)} ms [${times.join(' ')}], ${last!.hits} db hits`);
  if (!args.includes('--quiet')) console.log(last!.text);
  await driver.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
