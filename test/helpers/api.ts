import { createApp, type App } from '../../src/http/app';
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
