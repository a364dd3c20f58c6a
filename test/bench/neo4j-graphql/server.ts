/**
 * The comparison server of the benchmark: the graph our Neo4j store wrote, served
 * by @neo4j/graphql 7 on graphql-yoga, as a user would serve it instead of ours.
 * It only reads (the type definitions generate no mutation; queries run in read
 * transactions) and creates no index or constraint: the full-text index it
 * queries is the one our store created.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 [NEO4J_USERNAME=neo4j] [NEO4J_PASSWORD=] [NEO4J_DATABASE=neo4j] [PORT=4100] \
 *     [NEO4J_GRAPHQL_TRAVERSAL=apoc|qpp] npx tsx test/bench/neo4j-graphql/server.ts
 *
 * PORT=0 picks a free port. NEO4J_GRAPHQL_TRAVERSAL chooses the Cypher of Q4 and
 * Q6 (type-defs.ts, Traversal): `apoc` by default, `qpp` for our store's own.
 * Prints `NEO4J_GRAPHQL_READY http://127.0.0.1:<port>/graphql` once listening;
 * exits on SIGTERM or SIGINT. Started through `npx`, the signal must reach the
 * process group: npm exec does not pass it on to the server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { typeDefs, type Traversal } from './type-defs';

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI?.trim();
  if (!uri) throw new Error('NEO4J_URI must be set, e.g. bolt://127.0.0.1:7687.');
  const port = Number(process.env.PORT?.trim() || 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535; got "${process.env.PORT}".`);
  const database = process.env.NEO4J_DATABASE?.trim() || 'neo4j';
  const traversal = (process.env.NEO4J_GRAPHQL_TRAVERSAL?.trim() || 'apoc') as Traversal;
  if (traversal !== 'apoc' && traversal !== 'qpp') throw new Error(`NEO4J_GRAPHQL_TRAVERSAL must be apoc or qpp; got "${traversal}".`);

  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''));
  await driver.verifyConnectivity();

  // No authorization (no JWT to decode per request), no subscriptions. Deprecated generated
  // fields are left out: a smaller schema, the same queries.
  const schema = await new Neo4jGraphQL({
    typeDefs: typeDefs(traversal),
    driver,
    features: {
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
    },
  }).getSchema();

  const yoga = createYoga({
    schema,
    // The library reads the session config from the context; the driver came with the constructor.
    context: () => ({ sessionConfig: { database } }),
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    batching: false,
    logging: false,
  });

  // yoga's node listener returns a promise that never rejects (it answers errors itself).
  const server = createServer((req, res) => void yoga(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  process.stdout.write(`NEO4J_GRAPHQL_READY http://127.0.0.1:${bound}/graphql\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close(() => {
      void driver.close().finally(() => process.exit(0));
    });
    // Whatever hangs, the process goes.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
