/**
 * Errors are typed where they arise; src/graphql/errors.ts turns them into the
 * stable codes clients see. Nothing here knows about GraphQL or a database driver.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly argument?: string) {
    super(message);
  }
}

export class StoreUnavailableError extends DomainError {
  readonly code = 'DATABASE_UNAVAILABLE';
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
