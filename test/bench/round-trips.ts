import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';

/**
 * Round trips to Neo4j per mutation: the store connected through a TCP proxy that counts the
 * client's writes (each flush of the driver is one request the client then waits on), for
 * N updateEntity mutations through the app with a token. Prints writes per mutation.
 */
const N = Number(process.argv[2] ?? '50');
const target = new URL((process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687').replace(/^bolt/, 'http'));

async function main() {
  let writes = 0;
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    // Without Nagle's delay on either side, as the driver's own sockets: the proxy adds a hop, not a wait.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (d) => { writes++; upstream.write(d); });
    upstream.on('data', (d) => client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const port = (proxy.address() as { port: number }).port;
  const store = await Neo4jStore.connect({ uri: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: 'x' });
  await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
  const { secret } = await store.createToken({ name: `rt-${Date.now()}`, role: 'editor' });
  const app = createApp(store, { graphiql: false });
  const mutate = async (i: number) => {
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } entity { id version } } }`,
        variables: { input: { id: 'fidus', properties: { roundTrip: i }, citations: [{ document: 'question-412-smart-city-2020', quote: 'Fidus', section: 'answer-1' }], reason: 'round trips' } } }),
    });
    const body = await response.json() as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  for (let i = 0; i < 5; i++) await mutate(i);
  writes = 0;
  const started = performance.now();
  for (let i = 0; i < N; i++) await mutate(i);
  const ms = (performance.now() - started) / N;
  console.log(`Neo4j: ${(writes / N).toFixed(1)} client writes (round trips) per updateEntity over ${N} mutations, ${ms.toFixed(1)} ms each`);
  await store.close();
  proxy.close();
}
void main();
