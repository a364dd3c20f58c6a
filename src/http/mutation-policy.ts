import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Body types a page of another site cannot send without a CORS preflight (they are not
 * application/x-www-form-urlencoded, multipart/form-data or text/plain), compared without
 * case or parameters (`; charset=utf-8`).
 */
const JSON_BODY_TYPES = new Set(['application/json', 'application/graphql-response+json', 'application/graphql+json']);

/** The header a client may send instead; any custom header needs a preflight cross-site. */
export const CSRF_HEADER = 'x-graphql-csrf';

export const CSRF_REFUSED_MESSAGE = `A mutation must come in a way another site's page cannot forge: send mutations as POST with Content-Type: application/json, or with an ${CSRF_HEADER} header.`;

/** True when the request may run a mutation: a JSON POST body, or a non-empty x-graphql-csrf header. */
export function mayMutate(request: Request): boolean {
  if (request.headers.get(CSRF_HEADER)?.trim()) return true;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return request.method === 'POST' && JSON_BODY_TYPES.has(type);
}

/**
 * Runs a mutation only when a cross-site page could not have sent it: a form (urlencoded or
 * multipart) or a plain-text POST can be sent by any page without the browser asking the
 * server first, a JSON body or a custom header cannot. Anything else is refused once the
 * document is parsed, before validation and execution: 403 CSRF_REFUSED. Queries and
 * subscriptions are answered as before, over GET and any POST yoga reads; a mutation over GET
 * is left to yoga, which answers 405.
 */
export function useMutationPolicy(): Plugin {
  return {
    onParse() {
      return ({ result, context }) => {
        // `request` is missing outside HTTP (yoga.getEnveloped in tests, a WebSocket transport).
        const { request, params } = context as { request?: Request; params?: { operationName?: string | null } };
        if (!request || request.method === 'GET' || result instanceof Error || !result) return;
        const operation = getOperationAST(result, params?.operationName);
        if (operation?.operation !== 'mutation' || mayMutate(request)) return;
        throw new GraphQLError(CSRF_REFUSED_MESSAGE, { extensions: { code: 'CSRF_REFUSED', http: { status: 403 } } });
      };
    },
  };
}
