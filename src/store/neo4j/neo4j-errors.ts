import { Neo4jError } from 'neo4j-driver';
import { StoreUnavailableError } from '../../domain/errors';

/** Driver error codes that mean no server could be reached or a connection was lost. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/**
 * Some driver failures carry no code (pool acquisition timeouts, a closed driver)
 * and socket errors surface as plain Node errors: their messages and codes are
 * all that tell them apart from a query's own error.
 */
const UNAVAILABLE_MESSAGES =
  /connection acquisition timed out|pool is closed|driver .*closed|failed to establish connection|connection timeout|could not perform discovery|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|socket hang up/i;

function isUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGES.test(code))) return true;
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  return isUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * The one place where a driver failure becomes a domain error: a database that
 * cannot be reached is StoreUnavailableError naming the URI (never the
 * credentials); anything else, e.g. a Cypher error, passes unchanged.
 */
export function translateDriverError(error: unknown, uri: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isUnavailable(error)) {
    const reason = error instanceof Neo4jError && error.code !== 'N/A' ? `${error.code}: ${error.message}` : (error as Error).message;
    const wrapped = new StoreUnavailableError(`The Neo4j database at ${uri} is unavailable (${reason}).`);
    (wrapped as { cause?: unknown }).cause = error;
    return wrapped;
  }
  return error;
}
