import neo4j from 'neo4j-driver';
import type { CypherQueries } from './cypher-queries';
import type { Neo4jRunner } from './neo4j-runner';

const INDEX_WAIT_SECONDS = 120;

/** Another server starting at the same moment may create the same rule first. */
const ALREADY_THERE = /EquivalentSchemaRuleAlreadyExists|IndexAlreadyExists|ConstraintAlreadyExists/;

/**
 * Constraints and the full-text index, each created only when missing (so running
 * it at every start is harmless), then a wait until the indexes are online. Schema
 * commands cannot share a transaction with each other's data, so one each.
 */
export async function setUpSchema(runner: Neo4jRunner, queries: CypherQueries): Promise<void> {
  for (const name of ['schema-entity-id', 'schema-graph-meta', 'schema-store-lock', 'schema-api-token-hash', 'schema-api-token-live-name', 'schema-search-index'] as const) {
    try {
      await runner.write((tx) => tx.run(queries.text(name)));
    } catch (error) {
      if (!ALREADY_THERE.test(String((error as { code?: unknown }).code ?? ''))) throw error;
    }
  }
  await runner.write(
    (tx) => tx.run(queries.text('schema-await-indexes'), { timeoutSeconds: neo4j.int(INDEX_WAIT_SECONDS) }),
    (INDEX_WAIT_SECONDS + 10) * 1000,
  );
}
