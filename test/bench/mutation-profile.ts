import { DocumentTexts } from '../../src/curation/document-text';
import { curate } from '../../src/curation/curate';
import { createApp } from '../../src/http/app';
import { hashToken } from '../../src/domain/tokens';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';

/** Where a Neo4j mutation's time goes, on the database as it is: the token check, curate alone, the whole mutation through the app. */
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const ROUNDS = 50;

async function main() {
  const store = await Neo4jStore.connect({ uri, username: 'neo4j', password: 'x' });
  const id = (await store.listEntities({ first: 1, type: 'Platform' })).entities[0]!.id;
  const { secret } = await store.createToken({ name: `profile-${Date.now()}`, role: 'editor' });
  const texts = new DocumentTexts(undefined);
  const cite = [{ document: 'synthetic-doc', quote: 'a synthetic statement', section: 'answer-1' }];
  const time = async (name: string, fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await fn(i);
    const t = performance.now();
    for (let i = 0; i < ROUNDS; i++) await fn(i);
    console.log(`${name.padEnd(34)} ${((performance.now() - t) / ROUNDS).toFixed(2)} ms`);
  };
  await time('findToken', () => store.findToken(hashToken(secret)));
  await time('curate (one update)', (i) => curate(store, texts, { actor: 'p', digest: 'd', requests: [{ draft: { kind: 'UPDATE_ENTITY', id, set: {}, properties: { set: { p: i }, remove: [] } }, path: 'input', reason: 'r', citations: cite, citationsPath: 'input.citations' }] }));
  const app = createApp(store, { graphiql: false });
  await time('updateEntity through the app', async (i) => (await app.fetch('http://p/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } } }', variables: { input: { id, properties: { q: i }, citations: cite, reason: 'r' } } }),
  })).json());
  await store.close();
}
void main();
