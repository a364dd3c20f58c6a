import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curate } from '../../src/curation/curate';
import { DocumentTexts } from '../../src/curation/document-text';
import { hashToken } from '../../src/domain/tokens';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** Where an embedded mutation's time goes, on the seed: the token check, curate alone, the whole mutation through the app. */
const ROUNDS = 2000;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mutation-profile-'));
  const store = new SqliteStore(join(dir, 'graph.sqlite'));
  await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
  const { secret } = await store.createToken({ name: 'profile', role: 'editor' });
  const texts = new DocumentTexts(undefined);
  const cite = [{ document: 'question-412-smart-city-2020', quote: 'Fidus', section: 'answer-1' }];
  const time = async (name: string, fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await fn(i);
    const t = performance.now();
    for (let i = 0; i < ROUNDS; i++) await fn(i);
    console.log(`${name.padEnd(34)} ${((performance.now() - t) / ROUNDS).toFixed(3)} ms`);
  };
  await time('findToken', () => store.findToken(hashToken(secret)));
  await time('curate (one update)', (i) => curate(store, texts, { actor: 'p', digest: 'd', requests: [{ draft: { kind: 'UPDATE_ENTITY', id: 'fidus', set: {}, properties: { set: { p: i }, remove: [] } }, path: 'input', reason: 'r', citations: cite, citationsPath: 'input.citations' }] }));
  const app = createApp(store, { graphiql: false });
  await time('a query through the app', async () => (await app.fetch('http://p/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ node(id: "fidus") { id version } }' }),
  })).json());
  await time('updateEntity through the app', async (i) => (await app.fetch('http://p/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } } }', variables: { input: { id: 'fidus', properties: { q: i }, citations: cite, reason: 'r' } } }),
  })).json());
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
void main();
