import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';
import { describeAccess } from './access-checks';

const dir = mkdtempSync(join(tmpdir(), 'access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeAccess('embedded', async () => new SqliteStore(join(dir, 'graph.sqlite')));

const config = neo4jTestConfig();
// The lock keeps the other files that empty and load the test database out of it meanwhile.
describeIfNeo4j('tokens and access on Neo4j [store: neo4j]', () => {
  let release = () => {};
  beforeAll(async () => {
    release = await lockNeo4j(config!.uri);
  });
  afterAll(() => release());
  describeAccess('neo4j', async () => {
    await emptyNeo4j(config!);
    return Neo4jStore.connect(config!);
  });
});
