import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { AUTH_LIMITS } from '../../src/domain/limits';
import { createApp, type App } from '../../src/http/app';
import { createHttpServer } from '../../src/http/server';
import type { GraphStore } from '../../src/store/store';
import { fixture } from '../contract/fixture';

const QUERY = JSON.stringify({ query: '{ node(id: "agence") { id } }' });

/** A request through the app as node:http would hand it, from the client address `client`. */
async function ask(app: App, options: { token?: string; authorization?: string; client?: string; path?: string; method?: string; accept?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: options.accept ?? 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  const method = options.method ?? (options.path ? 'GET' : 'POST');
  const request = new Request(`http://test${options.path ?? '/graphql'}`, { method, headers, body: method === 'POST' ? QUERY : undefined });
  const response = await app.fetch(request, { req: { socket: { remoteAddress: options.client ?? '192.0.2.1' } } } as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text.startsWith('{') ? JSON.parse(text) : undefined };
}
const codeOf = (r: { body?: { errors?: { extensions?: { code?: string } }[] } }) => r.body?.errors?.[0]?.extensions?.code;
/** A well-formed token no store holds. */
const UNKNOWN = 'A'.repeat(43);

/** READ_ACCESS, bearer tokens and the rate limit of bad ones, over the app on `kind`'s store. */
export function describeAccess(kind: string, open: () => Promise<GraphStore>): void {
  describe(`tokens and access over HTTP [store: ${kind}]`, () => {
    let store: GraphStore;
    let tokenApp: App;
    let publicApp: App;
    let editor: string;
    let revoked: string;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(fixture);
      editor = (await store.createToken({ name: 'alice', role: 'editor' })).secret;
      revoked = (await store.createToken({ name: 'gone', role: 'admin' })).secret;
      await store.revokeToken('gone');
      tokenApp = createApp(store, { readAccess: 'token', log: () => {} });
      publicApp = createApp(store, { log: () => {} });
    });
    afterAll(async () => store && (await store.close()));

    it('with READ_ACCESS=token, answers 401 UNAUTHENTICATED without a token, and the query with one', async () => {
      const none = await ask(tokenApp, { client: '192.0.2.10' });
      expect(none.status).toBe(401);
      expect(codeOf(none)).toBe('UNAUTHENTICATED');
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(none.headers.get('content-type')).toMatch(/^application\/json/);
      const good = await ask(tokenApp, { token: editor, client: '192.0.2.10' });
      expect(good.status).toBe(200);
      expect(good.body).toEqual({ data: { node: { id: 'agence' } } });
    });

    it('answers 401 UNAUTHENTICATED to an unknown, revoked or malformed token, on either READ_ACCESS', async () => {
      for (const app of [tokenApp, publicApp]) {
        for (const authorization of [`Bearer ${UNKNOWN}`, `Bearer ${revoked}`, 'Bearer not-a-token', `Basic ${editor}`, 'Bearer']) {
          const r = await ask(app, { authorization, client: '192.0.2.11' });
          expect([authorization, r.status, codeOf(r)]).toEqual([authorization, 401, 'UNAUTHENTICATED']);
          expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
      }
    });

    it('with READ_ACCESS=public, answers anyone without a token', async () => {
      const r = await ask(publicApp, { client: '192.0.2.12' });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ data: { node: { id: 'agence' } } });
    });

    it('keeps /health, /ready and the GraphiQL page open, and the exports behind the same rule as /graphql', async () => {
      expect((await ask(tokenApp, { path: '/health' })).status).toBe(200);
      expect((await ask(tokenApp, { path: '/ready' })).status).toBe(200);
      const page = await ask(tokenApp, { path: '/graphql', accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const exportNone = await ask(tokenApp, { path: '/export/nodes.csv', accept: '*/*', client: '192.0.2.13' });
      expect([exportNone.status, codeOf(exportNone)]).toEqual([401, 'UNAUTHENTICATED']);
      const exportGood = await ask(tokenApp, { path: '/export/nodes.csv', accept: '*/*', token: editor, client: '192.0.2.13' });
      expect(exportGood.status).toBe(200);
      expect(exportGood.text).toContain('agence');
    });

    it(`refuses a client with 429 RATE_LIMITED after ${AUTH_LIMITS.maxFailures} bad tokens, its good token too, and no other client`, async () => {
      const attacker = '198.51.100.7';
      for (let i = 0; i < AUTH_LIMITS.maxFailures; i++) expect((await ask(tokenApp, { token: UNKNOWN, client: attacker })).status).toBe(401);
      const limited = await ask(tokenApp, { token: UNKNOWN, client: attacker });
      expect([limited.status, codeOf(limited)]).toEqual([429, 'RATE_LIMITED']);
      const wait = Number(limited.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(AUTH_LIMITS.windowMs / 1000);
      expect((await ask(tokenApp, { token: editor, client: attacker })).status).toBe(429);
      const other = await ask(tokenApp, { token: editor, client: '198.51.100.8' });
      expect(other.status).toBe(200);
      expect((await ask(tokenApp, { token: UNKNOWN, client: '198.51.100.8' })).status).toBe(401);
    });

    it('logs the name of a request\'s token, never the token', async () => {
      const lines: Record<string, unknown>[] = [];
      const server = createHttpServer(createApp(store, { readAccess: 'token', log: (l) => lines.push(l) }), { maxBodyBytes: 102400, log: (l) => lines.push(l) });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const { port } = server.address() as AddressInfo;
        const post = (authorization: string) =>
          fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: QUERY });
        expect((await post(`Bearer ${editor}`)).status).toBe(200);
        expect((await post(`Bearer ${UNKNOWN}`)).status).toBe(401);
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        server.closeAllConnections();
        server.close();
      }
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests.map((l) => [l.status, l.token])).toEqual([[200, 'alice'], [401, undefined]]);
      const text = JSON.stringify(lines);
      expect(text).not.toContain(editor);
      expect(text).not.toContain(UNKNOWN);
    });
  });
}
