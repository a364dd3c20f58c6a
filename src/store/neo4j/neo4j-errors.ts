import { Neo4jError } from 'neo4j-driver';
import { StoreUnavailableError, TimeoutError } from '../../domain/errors';
import { timeoutError } from '../call-options';

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

/** The server ended a transaction at its timeout (the code's suffix varies between versions). */
const TIMED_OUT = /^Neo\.(ClientError|TransientError)\.Transaction\.TransactionTimedOut/;

export interface TranslationContext {
  /** The database, for messages: credentials removed. */
  uri: string;
  /** What the call was, for a timeout's message. */
  what?: string;
  /** The transaction timeout the call ran with. */
  timeoutMs?: number;
  /** True when that timeout was the time left before the call's deadline, not NEO4J_QUERY_TIMEOUT_MS. */
  byDeadline?: boolean;
}

/**
 * The one place where a driver failure becomes a domain error: a database that
 * cannot be reached (or a closed driver) is StoreUnavailableError naming the URI
 * (never the credentials); a transaction the server ended at its timeout is
 * TimeoutError; anything else, e.g. a Cypher error, passes unchanged.
 */
export function translateDriverError(error: unknown, context: TranslationContext | string): unknown {
  const { uri, what = 'a query', timeoutMs, byDeadline } = typeof context === 'string' ? { uri: context } : context;
  if (error instanceof StoreUnavailableError || error instanceof TimeoutError) return error;
  if (error instanceof Neo4jError && TIMED_OUT.test(error.code)) {
    const wrapped = byDeadline
      ? timeoutError(what)
      : new TimeoutError(`${what} ran past the query timeout (NEO4J_QUERY_TIMEOUT_MS, ${timeoutMs ?? '?'} ms) at ${uri} and was stopped.`);
    (wrapped as { cause?: unknown }).cause = error;
    return wrapped;
  }
  if (isUnavailable(error)) {
    const reason = error instanceof Neo4jError && error.code !== 'N/A' ? `${error.code}: ${error.message}` : (error as Error).message;
    const wrapped = new StoreUnavailableError(`The Neo4j database at ${uri} is unavailable (${reason}).`);
    (wrapped as { cause?: unknown }).cause = error;
    return wrapped;
  }
  return error;
}
