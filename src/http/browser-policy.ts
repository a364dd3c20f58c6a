import type { CORSOptions, Plugin } from 'graphql-yoga';
import { errorBody, JSON_TYPE } from './error-body';

/**
 * What browsers may do with the API (README, "Browser policy"):
 * - GET runs queries (never a mutation: yoga answers 405), so links, curl, urql's default
 *   and HTTP caches work; POST takes a JSON body only. A cross-site page can send neither a
 *   JSON POST nor a custom header without a CORS preflight, and the preflight fails unless
 *   its origin is allowed: that is what keeps other sites from changing state.
 * - Reading answers cross-site needs CORS: off by default (same origin only); CORS_ORIGINS
 *   lists the origins allowed, `*` any. No cookies are used, so credentials are never allowed.
 */
export function corsPolicy(origins: readonly string[]): false | ((request: Request) => CORSOptions | false) {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(any || allowed.has(origin))) return false;
    return {
      // The origin itself, also for `*`: without credentials that is what `*` would allow.
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    };
  };
}

const ROUTES: Record<string, readonly string[]> = {
  '/graphql': ['GET', 'POST', 'OPTIONS'],
  '/health': ['GET', 'HEAD'],
  '/ready': ['GET', 'HEAD'],
};

/** Media types a POST to /graphql may declare: JSON, or a bare GraphQL document. */
const BODY_TYPES = new Set(['application/json', 'application/graphql', 'application/graphql+json']);

/**
 * Routes and methods, in one place: `GET /` leads to `/graphql`; an unknown path is a JSON
 * 404, a method a path does not take a 405 naming those it does, a POST body that is not
 * JSON a 415.
 */
export function useRequestPolicy(options: { home: string }): Plugin {
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(errorBody(code, message), { status, headers: { 'content-type': JSON_TYPE, ...headers } }));
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: options.home } }));
        return;
      }
      const methods = ROUTES[url.pathname];
      if (!methods) return refuse(404, 'NOT_FOUND', `No such path: ${url.pathname}. The API is at /graphql.`);
      if (!methods.includes(request.method)) {
        return refuse(405, 'METHOD_NOT_ALLOWED', `${url.pathname} takes ${methods.join(', ')}, not ${request.method}.`, { allow: methods.join(', ') });
      }
      if (request.method === 'POST') {
        const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
        if (!type || !BODY_TYPES.has(type)) {
          return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `A POST to /graphql takes a JSON body (content-type: application/json); got ${type ? `"${type}"` : 'none'}.`);
        }
        const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
        if (encoding && encoding !== 'identity') {
          // A compressed body would be decompressed past MAX_BODY_BYTES, which is counted on the wire.
          return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `Request bodies are read as sent: send them without content-encoding; got "${encoding}".`);
        }
      }
    },
  };
}
