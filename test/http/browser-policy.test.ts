import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** What a browser on another site can and cannot do with the API (docs/reliability.md, "Browser policy"). */
describe('the browser policy', () => {
  const store = new SqliteStore(':memory:');
  beforeAll(async () => store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed'))));
  afterAll(async () => store.close());
  const query = encodeURIComponent('{ node(id: "cirb") { id } }');

  describe('by default (no CORS_ORIGINS): same origin only', () => {
    const app = createApp(store, { graphiql: false });

    it('gives a cross-site page no CORS header, so its browser cannot read the answer', async () => {
      const res = await app.fetch(`http://test/graphql?query=${query}`, { headers: { origin: 'https://elsewhere.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('fails the preflight a cross-site JSON POST needs', async () => {
      const res = await app.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses the bodies a cross-site form can send without a preflight (form, text, multipart) with 415', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': type }, body: 'query=%7B__typename%7D' });
        expect(res.status).toBe(415);
      }
    });

    it('refuses a compressed request body with 415 rather than inflate it past the body limit', async () => {
      const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' });
      expect(res.status).toBe(415);
    });

    it('never runs a mutation sent as GET', async () => {
      const res = await app.fetch(`http://test/graphql?query=${encodeURIComponent('mutation { x }')}`);
      expect(res.status).toBe(405);
      const body = (await res.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    });
  });

  describe('with CORS_ORIGINS', () => {
    const app = createApp(store, { graphiql: false, corsOrigins: ['https://viz.example.org'] });

    it('lets a listed origin read, without credentials', async () => {
      const res = await app.fetch(`http://test/graphql?query=${query}`, { headers: { origin: 'https://viz.example.org' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://viz.example.org');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const preflight = await app.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://viz.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://viz.example.org');
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    });

    it('still gives any other origin nothing', async () => {
      const res = await app.fetch(`http://test/graphql?query=${query}`, { headers: { origin: 'https://elsewhere.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets any origin read with *', async () => {
      const open = createApp(store, { graphiql: false, corsOrigins: ['*'] });
      const res = await open.fetch(`http://test/graphql?query=${query}`, { headers: { origin: 'https://anyone.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });
});
