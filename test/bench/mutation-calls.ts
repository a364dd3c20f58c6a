import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { countCalls } from '../helpers/count-calls';

/** Store calls of one updateEntity through the app, on the embedded store holding the seed. */
async function main() {
  const store = new SqliteStore(':memory:');
  await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
  const { secret } = await store.createToken({ name: 'calls', role: 'editor' });
  const counted = countCalls(store);
  const app = createApp(counted.store, { graphiql: false });
  const send = async () => (await app.fetch('http://c/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } entity { id version } } }',
      variables: { input: { id: 'fidus', properties: { counted: true }, citations: [{ document: 'question-412-smart-city-2020', quote: 'Fidus', section: 'answer-1' }], reason: 'count' } } }),
  })).json();
  await send();
  counted.reset();
  await send();
  console.log('store calls of one updateEntity:', JSON.stringify(counted.calls));
  await store.close();
}
void main();
