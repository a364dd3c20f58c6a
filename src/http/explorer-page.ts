import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../paths';
import { compress, compressedResponse, type Compressed } from './compressed';
import { errorBody, JSON_TYPE } from './error-body';

/** Where `npm run build` writes the explorer's page and bundle (src/explorer/build.mjs). */
export const EXPLORER_DIR = join(PROJECT_ROOT, 'dist', 'explorer');

/** The explorer's URLs and the built file each serves, with its media type. */
export const EXPLORER_FILES: Record<string, { file: string; type: string }> = {
  '/explore': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/explore/explorer.js': { file: 'explorer.js', type: 'text/javascript; charset=utf-8' },
  '/explore/explorer.css': { file: 'explorer.css', type: 'text/css; charset=utf-8' },
};

/**
 * The explorer at /explore: its page, script and style sheet as `npm run build` wrote them,
 * each read and compressed once, then sent brotli- or gzip-encoded with an ETag and a cache
 * lifetime, as GraphiQL's page is. Nothing is fetched from elsewhere: it works offline.
 */
export function useExplorerPage(dir = EXPLORER_DIR): Plugin {
  const cache = new Map<string, Promise<Compressed>>();
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const asset = EXPLORER_FILES[url.pathname];
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      let body = cache.get(asset.file);
      if (!body) {
        body = readFile(join(dir, asset.file)).then(compress);
        cache.set(asset.file, body);
      }
      return body.then(
        (b) => endResponse(compressedResponse(fetchAPI, request, b, asset.type)),
        () => {
          cache.delete(asset.file);
          endResponse(
            new fetchAPI.Response(errorBody('NOT_BUILT', `The explorer is not built (${join(dir, asset.file)} is missing): run \`npm run build\`.`), {
              status: 503,
              headers: { 'content-type': JSON_TYPE },
            }),
          );
        },
      );
    },
  };
}
