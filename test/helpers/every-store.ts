import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { lockNeo4j } from './neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from './neo4j-test-env';

/** How a suite gets a store: `open` a fresh, empty one; `another` a second connection to the database `open` opened last. */
export interface StoreFactory {
  kind: string;
  open: () => Promise<GraphStore>;
  another: () => Promise<GraphStore>;
}

/**
 * Registers the suites of `register` once for every store, as unstorage's testDriver does:
 * the embedded store always (a file of its own per `open`), Neo4j when NEO4J_TEST_URI names
 * one (emptied at each `open`, and locked for the whole file: the suites of a file take it
 * in turn), or skipped loudly. A suite written once runs on both; no list per store.
 */
export function describeEveryStore(name: string, register: (store: StoreFactory) => void): void {
  describe(`${name} [store: embedded]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'every-store-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let files = 0;
    let last = '';
    register({
      kind: 'embedded',
      open: async () => new SqliteStore((last = join(dir, `store-${++files}.sqlite`))),
      another: async () => new SqliteStore(last),
    });
  });
  describeIfNeo4j(`${name} [store: neo4j]`, () => {
    const config = neo4jTestConfig()!;
    let release = () => {};
    beforeAll(async () => {
      release = await lockNeo4j(config.uri);
    });
    afterAll(() => release());
    register({
      kind: 'neo4j',
      open: async () => {
        await emptyNeo4j(config);
        return Neo4jStore.connect(config);
      },
      another: () => Neo4jStore.connect(config),
    });
  });
}
