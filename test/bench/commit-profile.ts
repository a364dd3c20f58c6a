import neo4j from 'neo4j-driver';
import { ENTITY_TYPES, SYMMETRIC_TYPES } from '../../src/domain/vocabulary';
import { CypherQueries } from '../../src/store/neo4j/cypher-queries';
import { entityRow, mergedIds, type EntityMap } from '../../src/store/neo4j/neo4j-rows';
import { toEntity } from '../../src/store/neo4j/neo4j-rows';

/**
 * The statements of one Neo4j commit, each timed alone in a transaction rolled back, on the
 * database as it is (run it after test/bench/curation.ts has loaded the medium graph):
 * where a mutation's time goes on the server. Prints the p50 of each.
 */
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const ROUNDS = 30;

async function main() {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'x'), { disableLosslessIntegers: true });
  const q = CypherQueries.load();
  const s = driver.session();
  const id = (await s.run('MATCH (e:Entity) WHERE e.type <> "Document" RETURN e.id AS id LIMIT 1')).records[0]!.get('id') as string;
  const entity = (await s.run(q.text('get-entities'), { ids: [id] })).records[0]!.get('entity');
  const e = toEntity(entity as EntityMap);
  const row = entityRow({ ...e, properties: { ...e.properties, probe: 1 } });
  const last = (await s.run(q.text('change-last'))).records[0]!.toObject();
  const seq = neo4j.int(Number(last.seq) + 1);
  const statements: [string, string, Record<string, unknown>][] = [
    ['change-lock', q.text('change-lock'), {}],
    ['change-read-entities', q.text('change-read-entities'), { ids: [id, id.toUpperCase()] }],
    ['change-read-keys', q.text('change-read-keys'), { keys: ['profile\n~none'] }],
    ['change-read-texts', q.text('change-read-texts'), { ids: ['synthetic-doc'] }],
    ['relationships-of (around)', q.text('relationships-of'), { ids: [id], types: null, direction: 'BOTH', symmetric: [...SYMMETRIC_TYPES], modalities: null, validAt: null }],
    ['change-write-log', q.text('change-write-log'), {
      changes: [{ seq, at: new Date().toISOString(), actor: 'p', kind: 'UPDATE_ENTITY', dataset: 'curation', reason: 'r', citations: '[]', op: '{}', requestKey: 'k', requestDigest: 'd' }],
      targets: [{ seq, kind: 'ENTITY', id, before: JSON.stringify(e), after: JSON.stringify(e) }], heads: [], version: 'log@probe',
    }],
    ['replace-graph-entities', q.text('replace-graph-entities'), { rows: [row], entityTypes: ENTITY_TYPES }],
    ['change-merged-ids', q.text('change-merged-ids'), { entities: [id], into: mergedIds([e]) }],
  ];
  for (const [name, text, params] of statements) {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const tx = s.beginTransaction();
      const t = performance.now();
      await tx.run(text, params);
      times.push(performance.now() - t);
      await tx.rollback();
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(28)} p50 ${times[Math.floor(ROUNDS / 2)]!.toFixed(2)} ms`);
  }
  const t = performance.now();
  for (let i = 0; i < ROUNDS; i++) await s.executeWrite((tx) => tx.run(q.text('replace-graph-version'), { version: last.graphVersion }));
  console.log(`${'a whole write transaction'.padEnd(28)} mean ${((performance.now() - t) / ROUNDS).toFixed(2)} ms`);
  await s.close();
  await driver.close();
}
void main();
