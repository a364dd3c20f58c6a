import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/errors';

/**
 * The one place where errors become what clients see. Domain errors keep their
 * message and get their stable code; GraphQL errors that already carry a code pass;
 * anything else is masked, so no stack or driver message ever leaves the server.
 */
export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if ('argument' in original && original.argument) extensions.argument = original.argument;
    return new GraphQLError(original.message, { path, extensions });
  }
  if (original instanceof GraphQLError && original.extensions?.code) return original;
  if (error instanceof GraphQLError && error.extensions?.code) return error;
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
