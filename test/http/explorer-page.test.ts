import { brotliDecompressSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { EXPLORER_FILES } from '../../src/http/explorer-page';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** The explorer's files (built into dist/explorer/ by test/support/global-setup.js), served compressed and cached as GraphiQL is. */
describe('the explorer page', () => {
  const store = new SqliteStore(':memory:');
  const app = createApp(store);
  afterAll(async () => store.close());
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.fetch(`http://test${path}`, { method, headers });

  it('serves its page, script and style sheet, each with its media type, brotli-compressed when accepted', async () => {
    for (const [path, { type }] of Object.entries(EXPLORER_FILES)) {
      const plain = await get(path);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe(type);
      const body = Buffer.from(await plain.arrayBuffer());
      const br = await get(path, { 'accept-encoding': 'gzip, br' });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(body)).toBe(true);
    }
    const html = await (await get('/explore')).text();
    expect(html).toContain('<script src="/explore/explorer.js">');
    // Nothing from elsewhere: every URL the page names is on this server.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('is cacheable: an ETag, a lifetime, and 304 when the browser has it; HEAD sends the headers only', async () => {
    const first = await get('/explore/explorer.js');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await get('/explore/explorer.js', { 'if-none-match': etag })).status).toBe(304);
    const head = await get('/explore', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('takes GET and HEAD only, and answers 503 naming the build when it is not built', async () => {
    const post = await app.fetch('http://test/explore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
    const empty = mkdtempSync(join(tmpdir(), 'explorer-'));
    try {
      const { useExplorerPage } = await import('../../src/http/explorer-page');
      const { createYoga } = await import('graphql-yoga');
      const { buildSchema } = await import('../../src/graphql/schema');
      const bare = createYoga({ schema: buildSchema(), plugins: [useExplorerPage(empty)] });
      const res = await bare.fetch('http://test/explore');
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).errors[0]).toMatchObject({ extensions: { code: 'NOT_BUILT' }, message: expect.stringContaining('npm run build') });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('is not served when turned off, and GET / then leads browsers to /graphql', async () => {
    const off = createApp(store, { explorer: false });
    expect((await off.fetch('http://test/explore')).status).toBe(404);
    expect((await off.fetch('http://test/', { headers: { accept: 'text/html' }, redirect: 'manual' })).headers.get('location')).toBe('/graphql');
  });
});
