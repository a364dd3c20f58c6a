import neo4j from 'neo4j-driver';
import { RELATIONSHIP_TYPES } from '../../domain/vocabulary';
import type { CypherQueries, QueryName } from './cypher-queries';
import type { Neo4jRunner } from './neo4j-runner';

const INDEX_WAIT_SECONDS = 120;

/** Another server starting at the same moment may create the same rule first. */
const ALREADY_THERE = /EquivalentSchemaRuleAlreadyExists|IndexAlreadyExists|ConstraintAlreadyExists/;

const SCHEMA: readonly QueryName[] = [
  'schema-entity-id', 'schema-graph-meta', 'schema-store-lock', 'schema-api-token-hash', 'schema-api-token-live-name', 'schema-search-index',
  'schema-merged-id', 'schema-merged-into', 'schema-change-log', 'schema-change-seq', 'schema-change-at', 'schema-change-target-record', 'schema-change-target-seq',
  'schema-change-request-key', 'schema-dataset-head',
];

/** The name a schema statement gives its constraint or index (`CREATE ... <name> IF NOT EXISTS`), if it reads so. */
const NAMED = /^CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS/;

/**
 * Constraints and indexes (the full-text one, and one on relationship ids per type of
 * the vocabulary), each created only when missing: a statement whose index the database
 * has already is not sent, and each says IF NOT EXISTS, so running it at every start is
 * harmless. Then a wait until the indexes are online. Schema commands cannot share a
 * transaction with each other's data, so one each.
 */
export async function setUpSchema(runner: Neo4jRunner, queries: CypherQueries): Promise<void> {
  const [row] = await runner.read(queries.text('schema-names'), {}, undefined, 'the schema');
  const present = new Set((row?.names ?? []) as string[]);
  const texts = [...SCHEMA.map((name) => queries.text(name)), ...RELATIONSHIP_TYPES.map((type) => queries.forRelationshipType(type))]
    .filter((text) => !present.has(NAMED.exec(text)?.[1] ?? ''));
  for (const text of texts) {
    try {
      await runner.write((tx) => tx.run(text));
    } catch (error) {
      if (!ALREADY_THERE.test(String((error as { code?: unknown }).code ?? ''))) throw error;
    }
  }
  await runner.write(
    (tx) => tx.run(queries.text('schema-await-indexes'), { timeoutSeconds: neo4j.int(INDEX_WAIT_SECONDS) }),
    (INDEX_WAIT_SECONDS + 10) * 1000,
  );
}
