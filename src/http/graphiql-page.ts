import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../paths';

interface Page {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

/** The example queries of examples/, as GraphiQL tabs: the first line of each file, a comment, is its title. */
export function exampleTabs(dir = join(PROJECT_ROOT, 'examples')): { query: string }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.graphql'))
    .sort()
    .map((n) => ({ query: readFileSync(join(dir, n), 'utf8') }));
}

async function buildPage(title: string): Promise<Page> {
  const tabs = exampleTabs();
  const html = Buffer.from(renderGraphiQL({ title, endpoint: '/graphql', defaultQuery: tabs[0]?.query, defaultTabs: tabs }));
  const [br, gz] = await Promise.all([
    // Quality 9 of 11: within 2% of the smallest, in a tenth of the time (once per process).
    promisify(brotliCompress)(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } }),
    promisify(gzip)(html, { level: 9 }),
  ]);
  return { etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, bodies: { br, gzip: gz, identity: html } };
}

/** Which encoding to send, from the client's Accept-Encoding: brotli, then gzip, else none. */
function pickEncoding(accept: string | null): keyof Page['bodies'] {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return allows('br') ? 'br' : allows('gzip') ? 'gzip' : 'identity';
}

/**
 * GraphiQL at /graphql for browsers: the page (9 MB, its assets inlined so that it works on a
 * closed network) is rendered and compressed once, then sent brotli- or gzip-encoded as the
 * browser accepts, with an ETag (304 when the browser has it) and a cache lifetime.
 */
export function useGraphiQLPage(options: { title: string; endpoint: string }): Plugin {
  let page: Promise<Page> | undefined;
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== options.endpoint || !request.headers.get('accept')?.includes('text/html')) return;
      page ??= buildPage(options.title);
      return page.then(({ etag, bodies }) => {
        const headers: Record<string, string> = {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'public, max-age=600',
          etag,
          vary: 'accept, accept-encoding',
        };
        if (request.headers.get('if-none-match')?.split(',').some((t) => t.trim() === etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        const encoding = pickEncoding(request.headers.get('accept-encoding'));
        if (encoding !== 'identity') headers['content-encoding'] = encoding;
        endResponse(new fetchAPI.Response(new Uint8Array(bodies[encoding]), { status: 200, headers }));
      });
    },
  };
}
