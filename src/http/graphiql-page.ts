import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../paths';
import { compress, compressedResponse, type Compressed } from './compressed';

/** The example queries of examples/, as GraphiQL tabs: the first line of each file, a comment, is its title. */
export function exampleTabs(dir = join(PROJECT_ROOT, 'examples')): { query: string }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.graphql'))
    .sort()
    .map((n) => ({ query: readFileSync(join(dir, n), 'utf8') }));
}

function buildPage(title: string): Promise<Compressed> {
  const tabs = exampleTabs();
  return compress(Buffer.from(renderGraphiQL({ title, endpoint: '/graphql', defaultQuery: tabs[0]?.query, defaultTabs: tabs })));
}

/**
 * GraphiQL at /graphql for browsers: the page (9 MB, its assets inlined so that it works on a
 * closed network) is rendered and compressed once, then sent brotli- or gzip-encoded as the
 * browser accepts, with an ETag (304 when the browser has it) and a cache lifetime.
 */
export function useGraphiQLPage(options: { title: string; endpoint: string }): Plugin {
  let page: Promise<Compressed> | undefined;
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== options.endpoint || !request.headers.get('accept')?.includes('text/html')) return;
      page ??= buildPage(options.title);
      return page.then((body) => endResponse(compressedResponse(fetchAPI, request, body, 'text/html; charset=utf-8')));
    },
  };
}
