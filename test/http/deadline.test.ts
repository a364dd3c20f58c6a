import { GraphQLError } from 'graphql';
import { join } from 'node:path';
import { TimeoutError } from '../../src/domain/errors';
import { createContext } from '../../src/graphql/context';
import { maskError } from '../../src/graphql/errors';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { query } from '../helpers/api';

/** A request past its deadline (REQUEST_TIMEOUT_MS) answers TIMEOUT, and its store calls stop. */
describe('the request deadline', () => {
  const store = new SqliteStore(':memory:');
  beforeAll(async () => store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed'))));
  afterAll(async () => store.close());

  it("stops a request's store calls once its deadline has passed", async () => {
    const ctx = createContext(store, 1);
    await new Promise((r) => setTimeout(r, 10));
    await expect(ctx.store.neighbourhood('cirb', 2, { limit: 100 }, ctx.call)).rejects.toBeInstanceOf(TimeoutError);
    await expect(ctx.loaders.entity.load('cirb')).rejects.toBeInstanceOf(TimeoutError);
  });

  it('says TIMEOUT to the client, not an internal error', () => {
    const logged: unknown[] = [];
    const masked = maskError(new GraphQLError('x', { originalError: new TimeoutError('The request ran past its deadline.'), path: ['a'] }), 'Unexpected error.', (e) => logged.push(e));
    expect(masked).toMatchObject({ message: 'The request ran past its deadline.', extensions: { code: 'TIMEOUT' }, path: ['a'] });
    expect(logged).toEqual([]);
  });

  it('leaves a request within its deadline alone', async () => {
    const app = createApp(store, { graphiql: false, requestTimeoutMs: 10000 });
    const body = await query<{ dependencies: { nodes: { id: string }[] } }>(app, '{ dependencies(id: "fidus", direction: DOWNSTREAM) { nodes { id } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data!.dependencies.nodes.length).toBeGreaterThan(1);
  });
});
