import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { lockNeo4j } from './neo4j-lock';
import { emptyNeo4j, neo4jTestConfig } from './neo4j-test-env';

/** A database for tests that start server processes on it: their environment, a store of the test's own on it, and the clean-up. */
export interface ProcessStore {
  env: Record<string, string>;
  open: () => Promise<GraphStore>;
  done: () => Promise<void>;
}

/** An embedded database in a folder of its own (DATA_DIR), removed by `done`. */
export async function embeddedForProcesses(prefix: string): Promise<ProcessStore> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { env: { DATA_DIR: dir }, open: async () => new SqliteStore(join(dir, 'graph.sqlite')), done: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** The test Neo4j (NEO4J_TEST_URI), locked for this test and emptied; `done` releases it. */
export async function neo4jForProcesses(): Promise<ProcessStore> {
  const config = neo4jTestConfig()!;
  const release = await lockNeo4j(config.uri);
  await emptyNeo4j(config);
  return {
    env: { NEO4J_URI: config.uri, NEO4J_USERNAME: config.username, NEO4J_PASSWORD: config.password },
    open: () => Neo4jStore.connect(config),
    done: async () => release(),
  };
}
