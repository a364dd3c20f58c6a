import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createApp } from '../../src/http/app';
import { createHttpServer, drain } from '../../src/http/server';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** Every client mistake is a client error with a stable code, over a real socket. */
describe('client mistakes over HTTP', () => {
  const store = new SqliteStore(':memory:');
  const logged: Record<string, unknown>[] = [];
  const server = createHttpServer(createApp(store, { log: (l) => logged.push(l) }), {
    maxBodyBytes: 20000,
    headersTimeoutMs: 500,
    requestTimeoutMs: 1000,
    log: () => {},
  });
  let base = '';
  let port = 0;

  beforeAll(async () => {
    await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await drain(server, 1000);
    await store.close();
  });
  afterEach(() => {
    // A client mistake is never logged as an unexpected error.
    expect(logged).toEqual([]);
  });

  const post = async (query: string, variables?: unknown) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const firstError = async (query: string, variables?: unknown) => (await post(query, variables)).body.errors[0];

  describe('wrong variable values answer BAD_USER_INPUT naming the variable', () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['null for a non-null', 'query($id: ID!) { node(id: $id) { id } }', { id: null }, /"\$id" of non-null type "ID!" must not be null/],
      ['missing for a non-null', 'query($id: ID!) { node(id: $id) { id } }', {}, /"\$id" of required type "ID!" was not provided/],
      ['an object for an ID', 'query($id: ID!) { node(id: $id) { id } }', { id: { a: 1 } }, /ID cannot represent value/],
      ['1.5 for an Int', 'query($n: Int) { search(text: "cirb", first: $n) { score } }', { n: 1.5 }, /non-integer value: 1.5/],
      ['"10" for an Int', 'query($n: Int) { search(text: "cirb", first: $n) { score } }', { n: '10' }, /Int cannot represent non-integer value: "10"/],
      ['2147483648 for an Int', 'query($n: Int) { search(text: "cirb", first: $n) { score } }', { n: 2147483648 }, /non 32-bit signed integer/],
      ['an unknown enum value', 'query($d: DependencyDirection!) { dependencies(id: "fidus", direction: $d) { truncated } }', { d: 'SIDEWAYS' }, /"SIDEWAYS" does not exist in "DependencyDirection"/],
      ['a string for a list of enums', 'query($t: [RelationshipType!]) { neighbourhood(id: "cirb", relationshipTypes: $t) { truncated } }', { t: ['NOPE'] }, /"NOPE" does not exist/],
    ];
    it.each(cases)('%s', async (_, query, variables, message) => {
      const error = await firstError(query, variables);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.variable).toBe(query.match(/\$(\w+)/)![1]);
      expect(error.message).toMatch(message);
    });
  });

  it('refuses a mutation the schema does not have as a validation error naming it', async () => {
    const error = await firstError('mutation { x }');
    expect(error).toMatchObject({ message: expect.stringContaining('"x"'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('says which limit a query passed, and does not call it a syntax error', async () => {
    const aliases = await firstError(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: node(id: "cirb") { id }`).join(' ')} }`);
    expect(aliases).toEqual({ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'LIMIT_EXCEEDED', limit: 'aliases' } });
    const tokens = await firstError(`{ ${'a '.repeat(2100)} }`);
    expect(tokens.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'tokens' });
    expect(tokens.message).not.toMatch(/syntax/i);
    const directives = await firstError(`{ __typename ${'@skip(if: false) '.repeat(25)} }`);
    expect(directives.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'directives' });
  });

  it('weighs traversals by what they can touch: fifteen depth-3 neighbourhoods of 1,000 nodes are refused before any runs', async () => {
    const many = Array.from({ length: 15 }, (_, i) => `n${i}: neighbourhood(id: "cirb", depth: 3, limit: 1000) { truncated }`).join(' ');
    const { body } = await post(`{ ${many} }`);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'traversalCost', cost: 45000, max: 10000 } }),
    ]);
    // The same through variables and a fragment.
    const viaFragment = await post(
      `query($d: Int!) { ...f a: dependencies(id: "fidus", direction: DOWNSTREAM, maxDepth: $d, limit: 1000) { truncated } } fragment f on Query { b: neighbourhood(id: "cirb", depth: 3, limit: 1000) { truncated } }`,
      { d: 10 },
    );
    expect(viaFragment.body.errors[0].extensions).toMatchObject({ limit: 'traversalCost', cost: 13000 });
    // One large traversal alone is within the budget.
    const one = await post('{ dependencies(id: "fidus", direction: DOWNSTREAM, maxDepth: 10, limit: 1000) { truncated } }');
    expect(one.body.errors).toBeUndefined();
  });

  it('suggests field names while introspection is on, and neither when it is off', async () => {
    expect((await firstError('{ nod(id: "cirb") { id } }')).message).toMatch(/Did you mean "node"/);
    const closed = createApp(store, { introspection: false, graphiql: false });
    const ask = async (query: string) =>
      ((await (await closed.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as any).errors[0];
    expect((await ask('{ nod(id: "cirb") { id } }')).message).not.toMatch(/Did you mean/);
    expect((await ask('{ __schema { types { name } } }')).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('every refusal has a JSON body with a stable code', () => {
    const expectJsonError = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe(code);
    };
    it('404 on an unknown path', async () => expectJsonError(await fetch(`${base}/nope`), 404, 'NOT_FOUND'));
    it('405 for a method the path does not take, naming those it does', async () => {
      const res = await fetch(`${base}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
      await expectJsonError(res, 405, 'METHOD_NOT_ALLOWED');
    });
    it('415 for a POST body that is not JSON', async () =>
      expectJsonError(await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }), 415, 'UNSUPPORTED_MEDIA_TYPE'));
    it('400 for a body that is not valid JSON', async () =>
      expectJsonError(await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }), 400, 'BAD_REQUEST'));
    it('431 for headers larger than Node accepts', async () =>
      expectJsonError(await fetch(`${base}/graphql`, { headers: { 'x-big': 'x'.repeat(20000) } }), 431, 'HEADERS_TOO_LARGE'));
    it('GET / leads a browser to the explorer, any other client to /graphql', async () => {
      const res = await fetch(`${base}/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/graphql');
      const browser = await fetch(`${base}/`, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(browser.status).toBe(302);
      expect(browser.headers.get('location')).toBe('/explore');
    });
  });

  it('drops a client that sends its headers too slowly, with 408', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: x\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('not dropped within 5 s')), 5000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
  });

  /** Writes `text` as is on a new connection and returns what comes back until the server closes or 2 s pass. */
  const raw = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (d) => {
        answer += d.toString();
        if (/\r\n\r\n/.test(answer) && /content-length: (\d+)/i.test(answer)) {
          const length = Number(/content-length: (\d+)/i.exec(answer)![1]);
          if (Buffer.byteLength(answer.split('\r\n\r\n').slice(1).join('\r\n\r\n')) >= length) socket.end();
        }
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  const statusAndCode = (answer: string) => [Number(/^HTTP\/1.1 (\d+)/.exec(answer)?.[1]), /"code":"([A-Z_]+)"/.exec(answer)?.[1]];

  describe('odd requests a hostile client sends', () => {
    it('answers a target that is not a path with 400, and an absolute URL as its path', async () => {
      expect(statusAndCode(await raw('OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'))).toEqual([400, 'BAD_REQUEST']);
      const absolute = await raw(`GET http://elsewhere.example/graphql?query=${encodeURIComponent('{ __typename }')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(absolute).toMatch(/^HTTP\/1.1 200/);
      expect(absolute).toContain('{"data":{"__typename":"Query"}}');
    });

    it('answers a request with no Host header, and CONNECT, with a JSON body', async () => {
      expect(statusAndCode(await raw('GET /health HTTP/1.1\r\n\r\n'))).toEqual([400, 'BAD_REQUEST']);
      expect(statusAndCode(await raw('CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n'))).toEqual([405, 'METHOD_NOT_ALLOWED']);
    });

    it('names a GET parameter that is not JSON', async () => {
      for (const variables of ['{', 'x', '[1]']) {
        const res = await fetch(`${base}/graphql?query=${encodeURIComponent('query($id: ID!) { node(id: $id) { id } }')}&variables=${encodeURIComponent(variables)}`);
        expect(res.status).toBe(400);
        expect(((await res.json()) as any).errors[0]).toMatchObject({ message: expect.stringContaining('"variables"'), extensions: { code: 'BAD_REQUEST' } });
      }
    });

    it('refuses brackets nested deeper than the parser can recurse, naming the limit', async () => {
      const deep = `{ neighbourhood(id: "cirb", relationshipTypes: ${'['.repeat(5000)}OPERATES${']'.repeat(5000)}) { truncated } }`;
      expect(await firstError(deep)).toEqual({ message: 'Nesting limit of 100 exceeded, found 5002.', extensions: { code: 'LIMIT_EXCEEDED', limit: 'nesting' } });
      // Brackets inside strings and comments do not count.
      expect((await post(`{ search(text: "${'['.repeat(150)}") { score } } # ${'{'.repeat(150)}`)).body).toEqual({ data: { search: [] } });
    });

    it('says a body is not JSON without echoing it back', async () => {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ secret' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(JSON.stringify(body)).not.toContain('secret');
    });

    it('answers /health to GET and HEAD only', async () => {
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/health`, { method: 'PUT' })).status).toBe(405);
      expect((await fetch(`${base}/graphql?x=/health`, { method: 'DELETE' })).status).toBe(405);
    });

    it('answers OPTIONS without CORS with the methods allowed', async () => {
      const res = await fetch(`${base}/graphql`, { method: 'OPTIONS' });
      expect(res.status).toBe(204);
      expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
    });

    it('reads media types whatever their case, refuses other charsets, and says 406 for an answer the client does not take', async () => {
      const upper = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'APPLICATION/JSON; charset=UTF-8' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await upper.json()).toEqual({ data: { __typename: 'Query' } });
      const latin = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(latin.status).toBe(415);
      const png = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'image/png' } });
      expect(png.status).toBe(406);
      expect(((await png.json()) as any).errors[0].extensions.code).toBe('NOT_ACCEPTABLE');
    });
  });
});
