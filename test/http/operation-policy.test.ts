import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { CSRF_REFUSED_MESSAGE, mayMutate } from '../../src/http/operation-policy';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** Which requests may carry which operations (src/http/operation-policy.ts), through the app as the server builds it. */
describe('the operation policy', () => {
  const store = new SqliteStore(':memory:');
  let app: App;
  let editor: string;
  beforeAll(async () => {
    // As the server loads it: the changes below are then kept beside the seed's graph.
    await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
    editor = (await store.createToken({ name: 'alice', role: 'editor' })).secret;
    app = createApp(store, { graphiql: false, log: () => {} });
  });
  afterAll(async () => store.close());

  // Each mutation registers a document of its own: whether it exists afterwards tells whether the mutation ran.
  let documents = 0;
  const addDocument = () => {
    const id = `policy-document-${++documents}`;
    const query = `mutation { addDocument(input: { id: "${id}", kind: "article", label: "Policy ${documents}", title: "Policy", language: "en", reason: "test" }) { entity { id } } }`;
    return { id, query, json: JSON.stringify({ query }) };
  };
  const exists = async (id: string) => (await store.getEntities([id]))[0] != null;

  const post = (contentType: string, body: string, headers: Record<string, string> = {}) =>
    app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${editor}`, ...headers }, body });
  const get = (query: string, headers: Record<string, string> = {}) =>
    app.fetch(`http://test/graphql?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${editor}`, ...headers } });

  async function refused(response: Response): Promise<void> {
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.errors).toEqual([{ message: CSRF_REFUSED_MESSAGE, extensions: { code: 'CSRF_REFUSED' } }]);
    expect(body.errors[0].message).toMatch(/send mutations as POST with Content-Type: application\/json, or with an x-graphql-csrf header/);
  }

  test('mayMutate: a JSON POST (media types without case or parameters) or the header', () => {
    const request = (method: string, headers: Record<string, string>) => new Request('http://localhost/graphql', { method, headers });
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/graphql+json;charset=utf-8']) {
      expect(mayMutate(request('POST', { 'content-type': type }))).toBe(true);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'text/plain; application/json', '']) {
      expect(mayMutate(request('POST', { 'content-type': type }))).toBe(false);
    }
    expect(mayMutate(request('POST', { 'content-type': 'text/plain', 'x-graphql-csrf': 'yes' }))).toBe(true);
    expect(mayMutate(request('GET', { 'content-type': 'application/json' }))).toBe(false);
  });

  test.each(['application/json', 'application/json; charset=utf-8', 'Application/GraphQL+JSON'])('a POST %s mutation runs', async (type) => {
    const mutation = addDocument();
    const response = await post(type, mutation.json);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { addDocument: { entity: { id: mutation.id } } } });
    expect(await exists(mutation.id)).toBe(true);
  });

  test('a POST application/graphql mutation is refused, 403 CSRF_REFUSED, and does not run; with x-graphql-csrf it runs', async () => {
    const mutation = addDocument();
    await refused(await post('application/graphql', mutation.query));
    expect(await exists(mutation.id)).toBe(false);
    await refused(await post('application/graphql', mutation.query, { 'x-graphql-csrf': '' }));
    expect(await exists(mutation.id)).toBe(false);
    const allowed = await post('application/graphql', mutation.query, { 'x-graphql-csrf': '1' });
    expect(await allowed.json()).toEqual({ data: { addDocument: { entity: { id: mutation.id } } } });
    expect(await exists(mutation.id)).toBe(true);
  });

  test('a refused document stays refused once yoga has it parsed and cached', async () => {
    const mutation = addDocument();
    const query = 'mutation($input: AddDocumentInput!) { addDocument(input: $input) { entity { id } } }';
    const input = (id: string) => ({ id, kind: 'article', label: id, title: 'Policy', language: 'en', reason: 'test' });
    expect((await post('application/json', JSON.stringify({ query, variables: { input: input(mutation.id) } }))).status).toBe(200);
    await refused(await post('application/graphql', query));
  });

  test.each([
    ['application/x-www-form-urlencoded', (m: string) => `query=${encodeURIComponent(m)}`],
    ['multipart/form-data; boundary=x', (m: string) => `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: m })}\r\n--x--\r\n`],
    ['text/plain', (m: string) => JSON.stringify({ query: m })],
    ['text/plain;charset=UTF-8', (m: string) => JSON.stringify({ query: m })],
  ])('a POST %s body is not read (415), header or not: the mutation does not run', async (type, body) => {
    const mutation = addDocument();
    for (const headers of [{}, { 'x-graphql-csrf': '1' }] as Record<string, string>[]) {
      const response = await post(type, body(mutation.query), headers);
      expect(response.status).toBe(415);
      expect((await response.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await exists(mutation.id)).toBe(false);
  });

  test('a JSON body in another charset than UTF-8, or compressed, is not read (415)', async () => {
    const mutation = addDocument();
    expect((await post('application/json; charset=latin1', mutation.json)).status).toBe(415);
    expect((await post('application/json', mutation.json, { 'content-encoding': 'gzip' })).status).toBe(415);
    expect(await exists(mutation.id)).toBe(false);
  });

  test('queries are answered over GET, a JSON POST and a bare GraphQL document', async () => {
    const query = '{ node(id: "cirb") { id } }';
    const answer = { data: { node: { id: 'cirb' } } };
    expect(await (await get(query)).json()).toEqual(answer);
    expect(await (await post('application/json', JSON.stringify({ query }))).json()).toEqual(answer);
    expect(await (await post('application/graphql', query)).json()).toEqual(answer);
  });

  test('a mutation over GET is 405, header or not', async () => {
    const mutation = addDocument();
    for (const headers of [{}, { 'x-graphql-csrf': '1' }] as Record<string, string>[]) {
      const response = await get(mutation.query, headers);
      expect(response.status).toBe(405);
      expect((await response.json()).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    }
    expect(await exists(mutation.id)).toBe(false);
  });

  test('the operation run is the one checked: operationName picks the query, and the mutation beside it does not run', async () => {
    const mutation = addDocument();
    const document = `query Read { node(id: "cirb") { id } } ${mutation.query.replace(/^mutation/, 'mutation Write')}`;
    const read = await post('application/json', JSON.stringify({ query: document, operationName: 'Read' }));
    expect(await read.json()).toEqual({ data: { node: { id: 'cirb' } } });
    expect(await exists(mutation.id)).toBe(false);
  });
});
