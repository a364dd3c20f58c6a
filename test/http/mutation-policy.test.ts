import { createSchema, createYoga } from 'graphql-yoga';
import { maskError } from '../../src/graphql/errors';
import { CSRF_REFUSED_MESSAGE, mayMutate, useMutationPolicy } from '../../src/http/mutation-policy';

/** A yoga app as the server builds it (maskError included), with a counter to see what ran. */
function app() {
  const state = { bumps: 0 };
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { count: Int! } type Mutation { bump: Int! }',
      resolvers: { Query: { count: () => state.bumps }, Mutation: { bump: () => ++state.bumps } },
    }),
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    plugins: [useMutationPolicy()],
  });
  const post = (contentType: string, body: string, headers: Record<string, string> = {}) =>
    yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const get = (query: string, headers: Record<string, string> = {}) => yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, { headers });
  return { state, post, get };
}

const JSON_MUTATION = JSON.stringify({ query: 'mutation { bump }' });
const FORM_MUTATION = `query=${encodeURIComponent('mutation { bump }')}`;
const MULTIPART = 'multipart/form-data; boundary=x';
const MULTIPART_MUTATION = `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON_MUTATION}\r\n--x--\r\n`;

async function refused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  const body = await response.json();
  expect(body.errors).toEqual([{ message: CSRF_REFUSED_MESSAGE, extensions: { code: 'CSRF_REFUSED' } }]);
  expect(body.errors[0].message).toMatch(/send mutations as POST with Content-Type: application\/json, or with an x-graphql-csrf header/);
}

describe('mutation policy', () => {
  test('mayMutate: a JSON POST (media types without case or parameters) or the header', () => {
    const request = (method: string, headers: Record<string, string>) => new Request('http://localhost/graphql', { method, headers });
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/graphql-response+json', 'application/graphql+json;charset=utf-8']) {
      expect(mayMutate(request('POST', { 'content-type': type }))).toBe(true);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'text/plain; application/json', '']) {
      expect(mayMutate(request('POST', { 'content-type': type }))).toBe(false);
    }
    expect(mayMutate(request('POST', { 'content-type': 'text/plain', 'x-graphql-csrf': 'yes' }))).toBe(true);
    expect(mayMutate(request('GET', { 'content-type': 'application/json' }))).toBe(false);
  });

  test.each(['application/json', 'application/json; charset=utf-8', 'application/graphql+json'])('a POST %s mutation runs', async (type) => {
    const { state, post } = app();
    const response = await post(type, JSON_MUTATION);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { bump: 1 } });
    expect(state.bumps).toBe(1);
  });

  test.each([
    ['application/x-www-form-urlencoded', FORM_MUTATION],
    [MULTIPART, MULTIPART_MUTATION],
    ['application/graphql', 'mutation { bump }'],
  ])('a POST %s mutation is refused, 403 CSRF_REFUSED, and does not run', async (type, body) => {
    const { state, post } = app();
    await refused(await post(type, body));
    expect(state.bumps).toBe(0);
  });

  test('a refused document stays refused once yoga has it parsed and cached', async () => {
    const { state, post } = app();
    expect((await post('application/json', JSON_MUTATION)).status).toBe(200);
    await refused(await post('application/x-www-form-urlencoded', FORM_MUTATION));
    expect(state.bumps).toBe(1);
  });

  test('a text/plain POST is not read at all (yoga answers 415): the mutation does not run', async () => {
    const { state, post } = app();
    expect((await post('text/plain', JSON_MUTATION)).status).toBe(415);
    expect((await post('text/plain;charset=UTF-8', JSON_MUTATION, { 'x-graphql-csrf': '1' })).status).toBe(415);
    expect(state.bumps).toBe(0);
  });

  test.each([
    ['application/x-www-form-urlencoded', FORM_MUTATION],
    [MULTIPART, MULTIPART_MUTATION],
    ['application/graphql', 'mutation { bump }'],
  ])('with an x-graphql-csrf header, a POST %s mutation runs', async (type, body) => {
    const { state, post } = app();
    const response = await post(type, body, { 'x-graphql-csrf': '1' });
    expect(await response.json()).toEqual({ data: { bump: 1 } });
    expect(state.bumps).toBe(1);
  });

  test('an empty x-graphql-csrf header does not count', async () => {
    const { state, post } = app();
    await refused(await post('application/x-www-form-urlencoded', FORM_MUTATION, { 'x-graphql-csrf': '' }));
    expect(state.bumps).toBe(0);
  });

  test('queries are answered as before: over GET, and over a form POST', async () => {
    const { get, post } = app();
    const viaGet = await get('{ count }');
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toEqual({ data: { count: 0 } });
    const viaForm = await post('application/x-www-form-urlencoded', `query=${encodeURIComponent('{ count }')}`);
    expect(await viaForm.json()).toEqual({ data: { count: 0 } });
    const viaGraphql = await post('application/graphql', '{ count }');
    expect(await viaGraphql.json()).toEqual({ data: { count: 0 } });
  });

  test('a mutation over GET is still yoga 405, header or not', async () => {
    const { state, get } = app();
    expect((await get('mutation { bump }')).status).toBe(405);
    expect((await get('mutation { bump }', { 'x-graphql-csrf': '1' })).status).toBe(405);
    expect(state.bumps).toBe(0);
  });

  test('the operation run is the one checked: operationName picks the mutation', async () => {
    const { state, post } = app();
    const document = 'query Read { count } mutation Write { bump }';
    const read = await post('application/x-www-form-urlencoded', `query=${encodeURIComponent(document)}&operationName=Read`);
    expect(await read.json()).toEqual({ data: { count: 0 } });
    await refused(await post('application/x-www-form-urlencoded', `query=${encodeURIComponent(document)}&operationName=Write`));
    expect(state.bumps).toBe(0);
  });
});
