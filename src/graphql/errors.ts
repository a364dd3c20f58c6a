import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/errors';

/**
 * The one place where errors become what clients see. Domain errors keep their
 * message (or their public one, the details going to `log`) and get their stable code; errors GraphQL itself raised before execution
 * (syntax, validation, query limits, CSRF) pass with a code; anything else is masked,
 * so no stack or driver message ever leaves the server.
 */
export function maskError(error: unknown, message: string, log?: (error: unknown) => void): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if ('argument' in original && original.argument) extensions.argument = original.argument;
    if (original.publicMessage) log?.(original);
    return new GraphQLError(original.publicMessage ?? original.message, { path, extensions });
  }
  if (original instanceof GraphQLError) {
    if (original.extensions.code) return original;
    const http = original.extensions.http as { status?: number } | undefined;
    const code = http?.status === 403 ? 'FORBIDDEN' : 'GRAPHQL_VALIDATION_FAILED';
    return new GraphQLError(original.message, { ...original, extensions: { ...original.extensions, code } });
  }
  log?.(original);
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
