/**
 * A seed load in a process of its own, for kill-during-load.test.ts to kill at some moment:
 * opens a store and replaces its graph with a synthetic one, printing each step on stdout.
 *
 *   npx tsx test/reliability/load-child.ts embedded <file.sqlite> <size> <seed> [entities] [relationships]
 *   NEO4J_TEST_URI=bolt://... npx tsx test/reliability/load-child.ts neo4j - <size> <seed> [entities] [relationships]
 *
 * (kill-graphs.ts: the first `entities` and the relationships between them, the first `relationships`.)
 *
 * Lines: `GENERATED <entities> <relationships> <version>`, `OPENED`, `LOADING`,
 * `PROGRESS <done> <total>` (as the store reports it), `COMMITTED <ms>`.
 */
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import type { GraphSize } from '../bench/synthetic-graph';
import { neo4jTestConfig } from '../helpers/neo4j-test-env';
import { killGraph } from './kill-graphs';

async function main(): Promise<void> {
  const [kind, file, size, seed, entities, relationships] = process.argv.slice(2);
  const graph = killGraph(size as GraphSize, Number(seed), {
    entities: entities ? Number(entities) : undefined,
    relationships: relationships ? Number(relationships) : undefined,
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`GENERATED ${graph.entities.length} ${graph.relationships.length} ${graph.version}`);
  let store: GraphStore;
  if (kind === 'embedded') store = new SqliteStore(file!);
  else if (kind === 'neo4j') store = await Neo4jStore.connect({ ...neo4jTestConfig()!, queryTimeoutMs: 600000 });
  else throw new Error(`unknown store kind ${kind}`);
  say('OPENED');
  say('LOADING');
  const started = process.hrtime.bigint();
  await store.replaceGraph(graph, (done, total) => say(`PROGRESS ${done} ${total}`));
  say(`COMMITTED ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)}`);
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
