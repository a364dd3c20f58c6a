import type { CORSOptions, Plugin } from 'graphql-yoga';
import { errorBody, JSON_TYPE } from './error-body';
import { unreadBody } from './operation-policy';

/**
 * What browsers may do with the API (docs/reliability.md, "Browser policy"):
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
  '/export/graph.gexf': ['GET'],
  '/export/graph.graphml': ['GET'],
  '/export/graph.cyjs': ['GET'],
  '/export/graph.json': ['GET'],
  '/export/graph.jsonld': ['GET'],
  '/export/nodes.csv': ['GET'],
  '/export/edges.csv': ['GET'],
  '/explore': ['GET', 'HEAD'],
  '/explore/explorer.js': ['GET', 'HEAD'],
  '/explore/explorer.css': ['GET', 'HEAD'],
};

/** What a client must accept for a GraphQL answer: JSON in one of its forms (or anything). */
const ANSWER_TYPES = ['application/json', 'application/graphql-response+json', 'text/event-stream', 'multipart/mixed', 'application/*', '*/*'];

/** True when an Accept header lets the client take one of `types` (quality above 0). */
function accepts(header: string | null, types: readonly string[]): boolean {
  if (!header?.trim()) return true;
  return header.split(',').some((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return types.includes(range?.trim() ?? '') && (q === undefined || Number(q) > 0);
  });
}

/** A GET's `variables` and `extensions` must be JSON objects; yoga would throw on them unnamed. */
function badSearchParam(url: URL): string | undefined {
  for (const name of ['variables', 'extensions']) {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return `The "${name}" parameter must be a JSON object.`;
    } catch {
      return `The "${name}" parameter is not valid JSON.`;
    }
  }
  return undefined;
}

/**
 * Routes, methods and media types, in one place: `GET /` leads a browser (Accept: text/html)
 * to `browserHome` (the explorer) and any other client to `home` (/graphql); /health answers
 * that the process is up; an unknown path is a JSON 404, a method a path does not take a 405
 * naming those it does, a POST body that is not read (operation-policy.ts) a 415, an answer the client does
 * not accept a 406, a GET with malformed parameters a 400.
 */
export function useRequestPolicy(options: { home: string; browserHome?: string; cors: boolean }): Plugin {
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const answer = (status: number, body: string | null, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(body, { status, headers: { ...(body === null ? {} : { 'content-type': JSON_TYPE }), ...headers } }));
      const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) => answer(status, errorBody(code, message), headers);

      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        const browser = options.browserHome && request.headers.get('accept')?.includes('text/html');
        return answer(302, null, { location: browser ? options.browserHome! : options.home, vary: 'accept' });
      }
      const methods = ROUTES[url.pathname];
      if (!methods) return refuse(404, 'NOT_FOUND', `No such path: ${url.pathname}. The API is at /graphql.`);
      if (!methods.includes(request.method)) {
        return refuse(405, 'METHOD_NOT_ALLOWED', `${url.pathname} takes ${methods.join(', ')}, not ${request.method}.`, { allow: methods.join(', ') });
      }
      if (url.pathname === '/health') return answer(200, JSON.stringify({ status: 'ok' }));
      if (url.pathname !== '/graphql') return;
      // With CORS on, yoga answers preflights before this; without, there is nothing to grant.
      if (request.method === 'OPTIONS') return answer(204, null, { allow: methods.join(', ') });

      if (request.method === 'GET') {
        const bad = badSearchParam(url);
        if (bad) return refuse(400, 'BAD_REQUEST', bad);
      }
      if (request.method === 'POST') {
        // Which bodies are read, and which may carry a mutation: operation-policy.ts.
        const unread = unreadBody(request);
        if (unread) return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', unread);
      }
      // A browser's GET for text/html gets GraphiQL; anything else must take JSON.
      if (!accepts(request.headers.get('accept'), request.method === 'GET' ? [...ANSWER_TYPES, 'text/html'] : ANSWER_TYPES)) {
        return refuse(406, 'NOT_ACCEPTABLE', 'Answers are JSON: accept application/json or application/graphql-response+json.');
      }
    },
  };
}
