import neo4j from 'neo4j-driver';
import type { Neo4jStoreOptions } from '../../src/store/neo4j/neo4j-store';

/**
 * Tests against a real Neo4j run only when NEO4J_TEST_URI names one; otherwise
 * they are skipped, loudly, so that a green run without a database is not
 * mistaken for a tested Neo4j store.
 */
export function neo4jTestConfig(): Neo4jStoreOptions | undefined {
  const uri = process.env.NEO4J_TEST_URI?.trim();
  if (!uri) return undefined;
  return {
    uri,
    username: process.env.NEO4J_TEST_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_TEST_PASSWORD ?? 'neo4j-password',
  };
}

let warned = false;

export function describeIfNeo4j(name: string, fn: () => void): void {
  if (neo4jTestConfig()) {
    describe(name, fn);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(
      'Neo4j tests SKIPPED: NEO4J_TEST_URI is not set (bash scripts/neo4j-server.sh start, then NEO4J_TEST_URI=bolt://127.0.0.1:7687);' +
        ' under CI=true the run fails (test/support/store-reporter.js)\n',
    );
  }
  describe.skip(name, fn);
}

/** Runs one statement on the test database outside any store, for set-up and inspection. */
async function runDirect(config: Neo4jStoreOptions, query: string): Promise<Record<string, unknown>[]> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password), { disableLosslessIntegers: true });
  try {
    const result = await driver.executeQuery(query, {}, { database: config.database });
    return result.records.map((r) => r.toObject());
  } finally {
    await driver.close();
  }
}

/** Deletes every node and relationship of the test database (schema stays). */
export async function emptyNeo4j(config: Neo4jStoreOptions): Promise<void> {
  await runDirect(config, 'MATCH (n) DETACH DELETE n');
}

/** The indexes and constraints of the test database, as comparable text. */
export async function neo4jSchema(config: Neo4jStoreOptions): Promise<string[]> {
  const indexes = await runDirect(config, 'SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options RETURN *');
  const constraints = await runDirect(config, 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *');
  return [...indexes, ...constraints]
    .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();
}
