import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { createApp, type App } from '../../src/http/app';
import { createHttpServer, drain } from '../../src/http/server';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { countCalls } from '../helpers/count-calls';

/** End to end over a real socket: node:http, the body limit, yoga, armor, resolvers, the embedded store. */
describe('the server over HTTP', () => {
  const seed = loadSeed(join(PROJECT_ROOT, 'seed'));
  const counted = countCalls(new SqliteStore(':memory:'));
  const logs: Record<string, unknown>[] = [];
  const server = createHttpServer(createApp(counted.store), { maxBodyBytes: 20000, log: (l) => logs.push(l) });
  let base = '';

  beforeAll(async () => {
    await counted.store.replaceGraph(seed);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await drain(server, 1000);
    await counted.store.close();
  });

  const post = async (query: string, variables?: object) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const codes = (body: any) => (body.errors ?? []).map((e: any) => e.extensions?.code);

  it('answers /health and /ready', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'embedded' });
  });

  it('serves GraphiQL with its assets inlined: no script or style from another host', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
  });

  it('answers a query, and null with NOT_FOUND for an unknown id', async () => {
    const { body } = await post('{ fidus: node(id: "fidus") { id name type } nope: node(id: "nope") { id } }');
    expect(body.data).toEqual({ fidus: { id: 'fidus', name: 'Fidus', type: 'Platform' }, nope: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['nope'], extensions: expect.objectContaining({ code: 'NOT_FOUND', argument: 'id' }) })]);
  });

  it('answers the GraphiQL introspection query within the limits', async () => {
    const { body } = await post(getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.types.find((t: any) => t.name === 'RelationshipType')).toBeDefined();
  });

  it('says NOT_FOUND for a traversal from an unknown entity', async () => {
    const { body } = await post('{ neighbourhood(id: "nope") { truncated } }');
    expect(codes(body)).toEqual(['NOT_FOUND']);
    expect(body.errors[0].extensions.argument).toBe('id');
    expect(Array.isArray(body.errors[0].extensions.suggestions)).toBe(true);
    expect(body.errors[0].message).toMatch(/^No entity with id "nope"/);
  });

  it('says BAD_USER_INPUT, naming the argument, for a value out of range', async () => {
    const deep = await post('{ neighbourhood(id: "cirb", depth: 9) { truncated } }');
    expect(deep.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'depth' } });
    expect(deep.body.errors[0].message).toMatch(/"depth" must be an integer from 1 to 3; got 9/);
    const type = await post('query($t: EntityType) { entities(type: $t) { totalCount } }', { t: 'Gadget' });
    expect(type.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', variable: 't' } });
    const during = await post('{ entities(during: "autumn") { totalCount } }');
    expect(during.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'during' } });
    const cursor = await post('{ entities(after: "bm9wZQ") { totalCount } }');
    expect(cursor.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    const empty = await post('{ search(text: "   ") { score } }');
    expect(empty.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'text' } });
  });

  it('refuses an invalid query with GRAPHQL_VALIDATION_FAILED', async () => {
    const { body } = await post('{ node(id: "cirb") { colour } }');
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a query nested deeper than the limit', async () => {
    let nested = 'name';
    for (let i = 0; i < 8; i++) nested = `relationships { to { ${nested} } }`;
    const { body } = await post(`{ node(id: "cirb") { ${nested} } }`);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toBe('Query depth limit of 12 exceeded, found 18.');
    expect(body.errors[0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'depth' });
  });

  it('refuses a query with too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: node(id: "cirb") { id }`).join(' ');
    const { body } = await post(`{ ${aliases} }`);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/alias/i);
  });

  it('answers a query sent as GET, as curl and urql send it, with no extra header', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ node(id: "cirb") { id } }')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { node: { id: 'cirb' } } });
  });

  it('refuses a body over the limit with 413 and PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ node(id: "cirb") { id } } # ${'x'.repeat(30000)}` }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a chunked body (no declared size) over the limit, and answers one within it', async () => {
    const chunked = (text: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(text)), c.close()) }),
        duplex: 'half',
      } as RequestInit);
    const large = await chunked(JSON.stringify({ query: `{ node(id: "cirb") { id } } # ${'x'.repeat(30000)}` }));
    expect(large.status).toBe(413);
    const small = await chunked(JSON.stringify({ query: '{ node(id: "cirb") { id } }' }));
    expect(await small.json()).toEqual({ data: { node: { id: 'cirb' } } });
  });

  it('writes one structured log line per request', async () => {
    logs.length = 0;
    await post('{ node(id: "cirb") { id } }');
    await fetch(`${base}/health`);
    expect(logs).toEqual([
      expect.objectContaining({ msg: 'request', method: 'POST', path: '/graphql', status: 200, ms: expect.any(Number) }),
      expect.objectContaining({ msg: 'request', method: 'GET', path: '/health', status: 200 }),
    ]);
  });

  it('makes the same few store calls for a nested query whatever the size of its result', async () => {
    const nested = (first: number) => `{
      entities(first: ${first}) { nodes { name
        relationships { type sources { document { name } }
          from { name } to { name relationships(direction: OUT) { to { name } } } } } } }`;
    counted.reset();
    const small = await post(nested(5));
    const smallCalls = counted.total();
    counted.reset();
    const large = await post(nested(100));
    const largeCalls = counted.total();
    expect(small.body.errors).toBeUndefined();
    expect(large.body.data.entities.nodes.length).toBeGreaterThan(80);
    // One call per level of the query at most: entities, relationships, their ends, the ends' relationships, ...
    expect(smallCalls).toBeLessThanOrEqual(6);
    expect(largeCalls).toBeLessThanOrEqual(6);
  });
});

describe('faults', () => {
  it('says DATABASE_UNAVAILABLE for a closed database, logs why, and /ready says 503', async () => {
    const store = new SqliteStore(':memory:');
    const logged: Record<string, unknown>[] = [];
    const app: App = createApp(store, { log: (l) => logged.push(l) });
    await store.close();
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ node(id: "cirb") { id } }' }),
    });
    const body = (await res.json()) as any;
    expect(body.errors[0]).toEqual(expect.objectContaining({ message: 'The database is unavailable at the moment; try again shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } }));
    expect(JSON.stringify(body)).not.toMatch(/sqlite|graph\.sqlite|\.[jt]s:\d/i);
    expect(logged).toEqual([expect.objectContaining({ msg: 'store unavailable', error: expect.stringMatching(/closed/) })]);
    expect((await app.fetch('http://test/ready')).status).toBe(503);
  });

  it('masks an unexpected error: a stable code, no internal message, logged in full', async () => {
    const store = new SqliteStore(':memory:');
    // A fault of the server's own code (not of the database) stands behind one store method.
    const faulty = Object.assign(Object.create(store) as SqliteStore, {
      getEntities: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'secret')")),
    });
    const logged: Record<string, unknown>[] = [];
    const app: App = createApp(faulty, { log: (l) => logged.push(l) });
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ node(id: "cirb") { id } }' }),
    });
    const body = (await res.json()) as any;
    expect(body.errors[0]).toEqual(expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect(JSON.stringify(body)).not.toMatch(/secret|TypeError|stack/i);
    expect(logged).toEqual([expect.objectContaining({ msg: 'unexpected error', error: expect.stringMatching(/TypeError: .*secret/) })]);
    await store.close();
  });

  it('drains requests in flight on shutdown, then refuses new connections', async () => {
    // A slow app stands in for a long query; the store is not involved here.
    const slow = {
      handle: async (_req: unknown, res: import('node:http').ServerResponse) => {
        await new Promise((r) => setTimeout(r, 300));
        res.end('done');
      },
    } as unknown as App;
    const server = createHttpServer(slow, { maxBodyBytes: 1000, log: () => {} });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const inFlight = fetch(url).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const drained = drain(server, 5000);
    expect(await inFlight).toBe('done');
    await drained;
    await expect(fetch(url)).rejects.toThrow();
  });
});
