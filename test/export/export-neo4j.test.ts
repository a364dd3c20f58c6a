import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';
import { describeExports } from './export-checks';

const config = neo4jTestConfig();

// The lock keeps the other files that empty and load the test database out of it meanwhile.
describeIfNeo4j('exports on Neo4j [store: neo4j]', () => {
  let release = () => {};
  beforeAll(async () => {
    release = await lockNeo4j(config!.uri);
  });
  afterAll(() => release());
  describeExports('neo4j', async () => {
    await emptyNeo4j(config!);
    return Neo4jStore.connect(config!);
  });
});
