/**
 * Times one import statement (no PROFILE) on a batch of the synthetic graph, in a
 * transaction rolled back afterwards: min and median of several runs.
 *   npx tsx test/bench/neo4j/time-statement.ts FILE.cypher entities|relationships BATCH [TYPE]
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES } from '../../../src/domain/vocabulary';
import { prepareGraph } from '../../../src/store/neo4j/replace-graph';
import { syntheticGraph } from '../synthetic-graph';
import { connect } from './profile';

async function main(): Promise<void> {
  const [file, kind, batch, type] = process.argv.slice(2);
  const driver = connect();
  const g = prepareGraph(syntheticGraph('medium'));
  let rows: unknown[] = kind === 'entities' ? g.entities : g.relationships;
  if (type) rows = (rows as { type: string }[]).filter((r) => r.type === type);
  rows = rows.slice(0, Number(batch ?? 2000));
  const text = readFileSync(file!, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const session = driver.session();
    const tx = session.beginTransaction();
    const t = Date.now();
    await tx.run(text, { rows, entityTypes: ENTITY_TYPES });
    times.push(Date.now() - t);
    await tx.rollback();
    await session.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${rows.length} rows: min ${sorted[0]} ms, median ${sorted[3]} ms -> ${Math.round(rows.length / (sorted[3]! / 1000))} rows/s [${times.join(' ')}]`);
  await driver.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
