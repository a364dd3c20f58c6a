/** PROFILE of the relationship and entity statements of the import on a batch of the synthetic graph (rolled back). */
import { CypherQueries } from '../../../src/store/neo4j/cypher-queries';
import { prepareGraph } from '../../../src/store/neo4j/replace-graph';
import { ENTITY_TYPES } from '../../../src/domain/vocabulary';
import { syntheticGraph } from '../synthetic-graph';
import { connect, profile } from './profile';

async function main(): Promise<void> {
  const driver = connect();
  const queries = CypherQueries.load();
  const g = prepareGraph(syntheticGraph('medium'));
  const name = (process.argv[2] ?? 'replace-graph-relationships') as any;
  const text = process.argv[3] ? require('node:fs').readFileSync(process.argv[3], 'utf8') : queries.text(name);
  const rows = name.includes('entities') ? g.entities.slice(0, 2000) : g.relationships.slice(0, 2000);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await profile(driver, text, { rows, entityTypes: ENTITY_TYPES });
    times.push(p.ms); if (i === 5) console.log(`min ${Math.min(...times)} ms [${times.join(" ")}], ${p.hits} db hits\n${process.env.PLAN ? p.text : ""}`);
  }
  await driver.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
