import { GraphQLError } from 'graphql';
import { DomainError, NotFoundError } from '../domain/errors';
import { limitOf } from './plugins/query-limits';

/**
 * The one place where errors become what clients see:
 * - domain errors keep their message (or their public one, the details going to `log`) and get their stable code,
 *   with the argument at fault (`extensions.argument`) and, for an unknown id, the closest ids (`extensions.suggestions`);
 * - a query over a size limit says which (`LIMIT_EXCEEDED`, `extensions.limit`), not "Syntax Error";
 * - errors GraphQL raised before execution (syntax, validation, CSRF) pass with a code;
 * - anything else, an uncoded error during execution included, is masked, so no stack or
 *   driver message ever leaves the server.
 */
export function maskError(error: unknown, message: string, log?: (error: unknown) => void): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if ('argument' in original && original.argument) extensions.argument = original.argument;
    if (original instanceof NotFoundError && original.suggestions) extensions.suggestions = original.suggestions;
    if (original.publicMessage) log?.(original);
    return new GraphQLError(original.publicMessage ?? original.message, { path, extensions });
  }
  if (original instanceof GraphQLError) {
    const limit = limitOf(original);
    if (limit) {
      return new GraphQLError(original.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'LIMIT_EXCEEDED', limit } });
    }
    // graphql-jit builds some errors without `extensions`.
    const extensions = original.extensions ?? {};
    const http = extensions.http as { status?: number } | undefined;
    // yoga calls a mutation over GET a BAD_REQUEST; its status says what it is.
    if (http?.status === 405) return new GraphQLError(original.message, { extensions: { ...extensions, code: 'METHOD_NOT_ALLOWED' } });
    if (typeof extensions.code === 'string' && extensions.code !== 'INTERNAL_SERVER_ERROR') {
      // yoga attaches the parser's error (with the body's text) to some of its own, and still
      // reads it to choose the HTTP status: kept, but left out of the answer.
      if ('originalError' in extensions) Object.defineProperty(extensions, 'originalError', { enumerable: false });
      return original;
    }
    if (!original.path) {
      const code = http?.status === 403 ? 'FORBIDDEN' : 'GRAPHQL_VALIDATION_FAILED';
      return new GraphQLError(original.message, { nodes: original.nodes, source: original.source, positions: original.positions, extensions: { ...extensions, code } });
    }
  }
  log?.(original);
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
