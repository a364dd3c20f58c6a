import { getIntrospectionQuery } from 'graphql';
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { plainQuery } from '../../src/http/plain-query';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { QUERIES } from '../bench/queries';

/** The answer without yoga's fetch layer is yoga's answer, byte for byte, or none at all. */
describe('plain queries answered beside yoga', () => {
  const store = new SqliteStore(':memory:');
  const logged: Record<string, unknown>[] = [];
  const app = createApp(store, { log: (l) => logged.push(l) });
  beforeAll(() => store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed'))));
  afterAll(() => store.close());

  const viaYoga = async (body: object) => {
    const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const plain = async (body: object) => {
    const params = plainQuery(JSON.parse(JSON.stringify(body)));
    return params && app.answerPlainQuery!(params);
  };

  // Answered here: each must be answered, and exactly as yoga answers it.
  const answered: object[] = [
    ...['cirb', 'fidus', 'nope'].flatMap((id) => (['Q1', 'Q2'] as const).map((q) => ({ query: QUERIES[q], variables: { id } }))),
    { query: QUERIES.Q4, variables: { id: 'cirb' } },
    { query: QUERIES.Q6, variables: { id: 'fidus' } },
    { query: QUERIES.Q3, variables: { text: 'digital' } },
    { query: QUERIES.Q5, variables: { from: 'cirb', to: 'fidus' } },
    { query: getIntrospectionQuery() },
    { query: 'query A { __typename } query B { node(id: "cirb") { id } }', operationName: 'B' },
    { query: QUERIES.Q1, variables: { id: 'cirb' }, operationName: null },
    { query: QUERIES.Q1, variables: { id: 5 } },
    { query: '{ entities(first: 3) { totalCount nodes { id name } pageInfo { endCursor hasNextPage } } }' },
  ];
  it.each(answered.map((b) => [JSON.stringify(b).slice(0, 80), b]))('answers %s as yoga does', async (_, body) => {
    const text = await plain(body as object);
    expect(text).toBeDefined();
    expect(await viaYoga(body as object)).toEqual({ status: 200, type: 'application/json; charset=utf-8', text });
  });

  // Left to yoga: refused, or answered with an error.
  const refused: object[] = [
    { query: '{ node(id: "cirb") { colour } }' },
    { query: '{ neighbourhood(id: "cirb", depth: 9) { truncated } }' },
    { query: QUERIES.Q4, variables: { id: 'nope' } },
    { query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: node(id: "cirb") { id }`).join(' ')} }` },
    { query: 'query A { __typename } query B { __typename }' },
    { query: QUERIES.Q1, variables: {} },
    { query: QUERIES.Q1, variables: { id: { no: 1 } } },
    { query: 'mutation { x }' },
    { query: '{ __typename', variables: null },
    { query: '{ __typename }', extensions: {} },
    { query: '{ __typename }', variables: [] },
    { query: '' },
  ];
  it.each(refused.map((b) => [JSON.stringify(b).slice(0, 80), b]))('leaves %s to yoga', async (_, body) => {
    expect(await plain(body as object)).toBeUndefined();
  });

  it('leaves an unexpected error to yoga, which masks and logs it once', async () => {
    const closed = new SqliteStore(':memory:');
    const log: Record<string, unknown>[] = [];
    const broken = createApp(closed, { log: (l) => log.push(l) });
    await closed.close();
    expect(await broken.answerPlainQuery!({ query: '{ node(id: "cirb") { id } }' })).toBeUndefined();
    expect(log).toEqual([]);
    expect(logged).toEqual([]);
  });
});
