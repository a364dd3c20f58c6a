/**
 * What Nagle's algorithm costs the driver: one client, a query with a long parameter
 * (sixty ids, more than one TCP segment) and a short one, with the driver's sockets as
 * they come and with src/store/neo4j/no-delay.ts applied to the driver. Prints p50 per case.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx test/bench/neo4j/no-delay.ts [--no-delay]
 */
import neo4j from 'neo4j-driver';
import { sendWithoutDelay } from '../../../src/store/neo4j/no-delay';

async function main(): Promise<void> {
  const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'));
  if (process.argv.includes('--no-delay') && !sendWithoutDelay(driver)) throw new Error('no-delay.ts could not reach this driver\'s sockets');
  const ids = Array.from({ length: 60 }, (_, i) => `some-entity-id-${i}-with-a-long-name`);
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
  const cases: [string, () => Promise<unknown>][] = [
    ['RETURN 1', () => driver.executeQuery('RETURN 1', {}, { routing: 'READ' })],
    ['60 ids', async () => {
      const session = driver.session();
      try {
        await session.executeRead((tx) => tx.run('MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id', { ids }));
      } finally {
        await session.close();
      }
    }],
  ];
  for (const [label, ask] of cases) {
    for (let i = 0; i < 20; i++) await ask();
    const ms: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await ask();
      ms.push(performance.now() - t);
    }
    console.log(`${label.padEnd(10)} p50 ${p50(ms)} ms`);
  }
  await driver.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
