import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../../src/http/app';
import { exampleTabs } from '../../src/http/graphiql-page';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** GraphiQL loads fast: compressed as the browser accepts, revalidated by ETag, with the README's queries as tabs. */
describe('the GraphiQL page', () => {
  const store = new SqliteStore(':memory:');
  const app = createApp(store);
  afterAll(async () => store.close());
  const page = (headers: Record<string, string>) => app.fetch('http://test/graphql', { headers: { accept: 'text/html', ...headers } });

  it('is sent brotli- or gzip-compressed as the browser accepts, the same page either way', async () => {
    const plain = await page({});
    expect(plain.headers.get('content-encoding')).toBeNull();
    const html = Buffer.from(await plain.arrayBuffer());
    expect(html.length).toBeGreaterThan(1_000_000);

    const br = await page({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(html.length / 3);
    expect(brotliDecompressSync(brBody).equals(html)).toBe(true);

    const gz = await page({ 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(html)).toBe(true);

    expect((await page({ 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
  });

  it('is cacheable: an ETag, a lifetime, and 304 when the browser has it', async () => {
    const first = await page({});
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('vary')).toMatch(/accept-encoding/);
    const again = await page({ 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it("opens the README's example queries as tabs, the Fidus question first", async () => {
    const html = await (await page({})).text();
    const tabs = exampleTabs();
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    expect(tabs[0]!.query).toMatch(/dependencies\(id: "fidus", direction: DOWNSTREAM\)/);
    // GraphiQL's options are embedded in the page as JSON: every tab's query is there, escaped as JSON.
    for (const tab of tabs) expect(html).toContain(JSON.stringify({ query: tab.query }));
  });

  it('is not served when GRAPHIQL is off', async () => {
    const off = createApp(store, { graphiql: false });
    const res = await off.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toContain('GraphiQL');
  });
});
