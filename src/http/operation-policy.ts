import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/*
 * Which requests to /graphql may carry which operations, in one place (README, "Browser policy"):
 *
 *   GET                                   queries; a mutation is 405 (yoga)
 *   POST application/json                 queries and mutations
 *   POST application/graphql+json         queries and mutations
 *   POST application/graphql              queries; a mutation only with an x-graphql-csrf
 *                                         header, 403 CSRF_REFUSED otherwise
 *   POST with any other body type, a charset other than UTF-8, or a content-encoding: 415
 *
 * A page of another site can send a form (urlencoded or multipart) or plain text without the
 * browser asking the server first: those bodies are never read. A JSON body or a custom header
 * needs a CORS preflight, which fails unless the origin is allowed. A bare GraphQL document is
 * read (curl, GraphQL tools send it) but trusted with a mutation only beside the header.
 * Media types are compared without case or parameters (`; charset=utf-8`).
 */

/** The POST body types read, and whether a mutation may come in one without the header. */
const POST_BODIES: ReadonlyMap<string, { mutations: boolean }> = new Map([
  ['application/json', { mutations: true }],
  ['application/graphql+json', { mutations: true }],
  ['application/graphql', { mutations: false }],
]);

/** The header that lets any body type read carry a mutation; any custom header needs a preflight cross-site. */
export const CSRF_HEADER = 'x-graphql-csrf';

export const CSRF_REFUSED_MESSAGE = `A mutation must come in a way another site's page cannot forge: send mutations as POST with Content-Type: application/json, or with an ${CSRF_HEADER} header.`;

/** The declared media type, lower case, without parameters; '' when none. */
const mediaType = (request: Request): string => (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Why a POST's body is not read (the 415's message), or undefined when it is. A body that is
 * read has its content-type rewritten to the bare media type: yoga's parsers compare it as written.
 */
export function unreadBody(request: Request): string | undefined {
  const declared = request.headers.get('content-type') ?? '';
  const [type, ...params] = declared.split(';').map((p) => p.trim().toLowerCase());
  if (!type || !POST_BODIES.has(type)) return `A POST to /graphql takes a JSON body (content-type: application/json); got ${type ? `"${type}"` : 'none'}.`;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return `Request bodies are read as UTF-8; got charset "${charset}".`;
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
  // A compressed body would be decompressed past MAX_BODY_BYTES, which is counted on the wire.
  if (encoding && encoding !== 'identity') return `Request bodies are read as sent: send them without content-encoding; got "${encoding}".`;
  if (declared !== type) request.headers.set('content-type', type);
  return undefined;
}

/** True when the request may run a mutation: a POST whose body type allows it, or a non-empty x-graphql-csrf header. */
export function mayMutate(request: Request): boolean {
  if (request.headers.get(CSRF_HEADER)?.trim()) return true;
  return request.method === 'POST' && POST_BODIES.get(mediaType(request))?.mutations === true;
}

/**
 * Refuses a mutation that `mayMutate` does not allow once its document is parsed, before
 * validation and execution: 403 CSRF_REFUSED. Over GET, yoga answers 405 itself. The body
 * types are checked before (`unreadBody`, in the request policy).
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
