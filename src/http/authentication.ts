import type { Plugin } from 'graphql-yoga';
import { StoreUnavailableError } from '../domain/errors';
import { hashToken, TOKEN_SECRET, type Caller, type ReadAccess } from '../domain/tokens';
import type { TokenStore } from '../store/store';
import { errorBody, JSON_TYPE } from './error-body';
import { FailedAttempts } from './failed-attempts';
import type { ServerContext } from './server-context';

/** The paths whose answers come from the store's graph: the API and the exports. Pages, /health and /ready stay open. */
const guarded = (path: string) => path === '/graphql' || path.startsWith('/export/');

/** The client's address, as node:http saw it (a proxy in front makes it the proxy's). */
function clientOf(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}

export interface AuthenticationOptions {
  readAccess: ReadAccess;
  failures?: FailedAttempts;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * `Authorization: Bearer <token>`, read once per request on /graphql and /export/...: a live
 * token makes its name and role the request's caller; an unknown or revoked one (or any other
 * credentials) is 401 UNAUTHENTICATED and counts as a failure of the client's address, which
 * after too many (AUTH_LIMITS) gets 429 RATE_LIMITED for a while. With `readAccess: 'token'`,
 * a request without a token is 401 too. Must come after the plugins serving pages at /graphql.
 *
 * The caller becomes the GraphQL context's `caller` (null without a token), and its name the
 * request log's `token` (ServerContext).
 */
export function useAuthentication(store: TokenStore, options: AuthenticationOptions): Plugin<{ caller: Caller | null }, ServerContext> {
  const failures = options.failures ?? new FailedAttempts();
  // Each request's caller, from onRequest (which cannot extend the context) to onContextBuilding, which does.
  const callers = new WeakMap<Request, Caller>();
  return {
    onContextBuilding({ context, extendContext }) {
      extendContext({ caller: callers.get(context.request) ?? null });
    },
    async onRequest({ request, url, serverContext, fetchAPI, endResponse }) {
      if (request.method === 'OPTIONS' || !guarded(url.pathname)) return;
      const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(errorBody(code, message), { status, headers: { 'content-type': JSON_TYPE, ...headers } }));
      const header = request.headers.get('authorization');
      if (header === null) {
        if (options.readAccess === 'token') {
          refuse(401, 'UNAUTHENTICATED', 'This server answers only requests with a token: send Authorization: Bearer <token>.', { 'www-authenticate': 'Bearer' });
        }
        return;
      }
      const client = clientOf(serverContext);
      const wait = failures.retryAfterSeconds(client);
      if (wait > 0) {
        refuse(429, 'RATE_LIMITED', `Too many requests with a bad token from this address; try again in ${wait} s.`, { 'retry-after': String(wait) });
        return;
      }
      const secret = /^Bearer +(\S+) *$/i.exec(header)?.[1];
      let caller: Caller | null;
      try {
        caller = secret !== undefined && TOKEN_SECRET.test(secret) ? await store.findToken(hashToken(secret)) : null;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        options.log?.({ time: new Date().toISOString(), msg: 'store unavailable', error: error.message });
        refuse(503, error.code, error.publicMessage);
        return;
      }
      if (!caller) {
        failures.fail(client);
        refuse(401, 'UNAUTHENTICATED', 'The token is unknown or revoked (send Authorization: Bearer <token>).', {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
        return;
      }
      callers.set(request, caller);
      const requestLog = (serverContext as ServerContext | undefined)?.requestLog;
      if (requestLog) requestLog.token = caller.name;
    },
  };
}
