import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';

export interface GraphQLResponse<T = unknown> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; argument?: string } }[];
}

/** Runs a query through the whole app (yoga, armor, resolvers, store) without opening a port. */
export async function query<T = unknown>(app: App, source: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

export function appFor(store: GraphStore): App {
  return createApp(store, { graphiql: false });
}

/**
 * For the describe block that calls it: a store from `open` holding the seed, and the app
 * over it, ready before its tests and closed after them.
 */
export function serveSeed(open: () => Promise<GraphStore>): { readonly app: App; readonly store: GraphStore } {
  const served = {} as { app: App; store: GraphStore };
  beforeAll(async () => {
    served.store = await open();
    await served.store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
    served.app = appFor(served.store);
  });
  afterAll(async () => served.store && (await served.store.close()));
  return served;
}
