/**
 * Errors are typed where they arise; src/graphql/errors.ts turns them into the
 * stable codes clients see. Nothing here knows about GraphQL or a database driver.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** What clients are told, when `message` holds details for the logs only. */
  readonly publicMessage?: string;
}

/** `argument` names the argument that held the unknown id; `suggestions`, the closest ids there are. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(message: string, readonly argument?: string, readonly suggestions?: readonly string[]) {
    super(message);
  }
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly argument?: string) {
    super(message);
  }
}

/** The message names the database and the driver's reason, for the logs; clients get `publicMessage`. */
export class StoreUnavailableError extends DomainError {
  readonly code = 'DATABASE_UNAVAILABLE';
  override readonly publicMessage = 'The database is unavailable at the moment; try again shortly.';
}

/** The request's deadline (REQUEST_TIMEOUT_MS) passed: the store stopped its work. */
export class TimeoutError extends DomainError {
  readonly code = 'TIMEOUT';
}

/**
 * A store refused a graph before writing anything (an id held twice, a relationship to a
 * missing entity): the store still holds what it held.
 */
export class GraphRefusedError extends DomainError {
  readonly code = 'GRAPH_REFUSED';
}

/** A quote a change cites is not in its document's text (argument: the input field of the quote). Nothing was written. */
export class QuoteNotFoundError extends DomainError {
  readonly code = 'QUOTE_NOT_FOUND';
  constructor(message: string, readonly argument?: string) {
    super(message);
  }
}

/**
 * A write found what it changes in another state than the one it expected: a stale
 * `expectedVersion`, an id already taken, a graph rebuilt meanwhile. Nothing was written.
 */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(message: string, readonly argument?: string, readonly currentVersion?: number) {
    super(message);
  }
}

/**
 * The change log holds changes the graph does not reflect yet (it is being laid down again
 * after a seed's load or an unmerge): a write must wait for it. Nothing was written.
 */
export class StaleGraphError extends ConflictError {}

/** The request needs a valid token and has none, or an unknown or revoked one. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The request's token has too small a role for what it asks. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/**
 * The server cannot start: `message` says what is wrong and `fix` what to do, in one line
 * each, naming the variable or path involved.
 */
export class StartupError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface SeedIssue {
  file: string;
  /** Path inside the file, e.g. `relationships[12].from`. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(
      `The seed has ${issues.length} error(s); nothing was loaded:\n` +
        issues.map((i) => `  ${i.file}${i.line ? `:${i.line}` : ''} ${i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'SeedValidationError';
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
