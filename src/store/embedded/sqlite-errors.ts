import { StoreUnavailableError } from '../../domain/errors';

/**
 * SQLite result codes (primary, before any extended suffix such as _SNAPSHOT) that mean
 * the file cannot serve now, whatever the query: what each says in a message.
 */
const UNAVAILABLE: Record<string, string> = {
  SQLITE_BUSY: 'locked by another connection',
  SQLITE_LOCKED: 'locked by another connection',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'not a SQLite database',
  SQLITE_FULL: 'full (no space left for it)',
  SQLITE_IOERR: 'unreadable (a disk I/O error)',
  SQLITE_CANTOPEN: 'impossible to open',
  SQLITE_READONLY: 'read-only',
  SQLITE_PERM: 'not accessible (permission denied)',
};

const MOVE_AWAY = 'The file holds only what the seed loads: move it away (or set DATA_DIR to another folder) and start again to create it anew.';
const CHECK_FOLDER = 'Check that DATA_DIR names a folder this user can create and write files in.';
/** What to do about a file that cannot be opened, by code. */
const FIXES: Record<string, string> = {
  SQLITE_BUSY: 'Stop the other program holding it, or wait for it to finish, and start again.',
  SQLITE_LOCKED: 'Stop the other program holding it, or wait for it to finish, and start again.',
  SQLITE_CORRUPT: MOVE_AWAY,
  SQLITE_NOTADB: MOVE_AWAY,
  SQLITE_FULL: 'Free some space on its disk, or set DATA_DIR to a folder on another disk.',
  SQLITE_IOERR: 'Check the disk holding it, or set DATA_DIR to a folder on another disk.',
  SQLITE_CANTOPEN: CHECK_FOLDER,
  SQLITE_READONLY: CHECK_FOLDER,
  SQLITE_PERM: CHECK_FOLDER,
};

/** What better-sqlite3 throws when a closed database is used. */
const CLOSED = /database connection is not open/i;

/**
 * The embedded database file cannot be opened: `message` names the file and SQLite's
 * reason, `fix` what to do, for a start-up message. A StoreUnavailableError, so that
 * it means the same as any other failure of the database.
 */
export class DatabaseFileError extends StoreUnavailableError {
  constructor(
    message: string,
    readonly file: string,
    /** SQLite's result code (SQLITE_NOTADB...), or the system's (EACCES...). */
    readonly sqliteCode: string | undefined,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'DatabaseFileError';
  }
}

interface ErrorShape { name?: unknown; message?: unknown; code?: unknown }

/**
 * SQLite's result code of a better-sqlite3 error. Told by its shape, not `instanceof`:
 * the native addon keeps the SqliteError class of the first copy of the module loaded
 * in the process, which need not be the copy (nor the realm: a test runner's contexts)
 * this file sees.
 */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as ErrorShape;
  return name === 'SqliteError' && typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as ErrorShape).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

function primaryCode(error: unknown): string | undefined {
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  return Object.keys(UNAVAILABLE).find((c) => code === c || code.startsWith(`${c}_`));
}

/** SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock asked for. */
export function isBusy(error: unknown): boolean {
  const code = primaryCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** The store on `file` was closed: every call rejects with this. */
export function closedError(file: string): StoreUnavailableError {
  return new StoreUnavailableError(`The embedded database ${file} is closed.`);
}

/**
 * The one place where a SQLite failure becomes a domain error: a file that is closed,
 * locked, corrupt, not a database, full or unreadable is StoreUnavailableError whose
 * message names the file and SQLite's code; anything else passes unchanged.
 */
export function translateSqliteError(error: unknown, file: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if ((error as ErrorShape | null)?.name === 'TypeError' && CLOSED.test(messageOf(error))) return closedError(file);
  const code = primaryCode(error);
  if (!code) return error;
  const wrapped = new StoreUnavailableError(`The embedded database ${file} is ${UNAVAILABLE[code]} (${sqliteCode(error)}: ${messageOf(error)}).`);
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

/** Opening `file` failed: a DatabaseFileError naming it, its reason, and what to do. */
export function openError(error: unknown, file: string): DatabaseFileError {
  const code = (error as { code?: unknown }).code;
  const reason = messageOf(error);
  const known = primaryCode(error);
  const what = known ? UNAVAILABLE[known] : 'impossible to open';
  const fix = FIXES[known ?? (typeof code === 'string' ? code : '')] ?? FIXES.SQLITE_CANTOPEN!;
  const wrapped = new DatabaseFileError(
    `Cannot open the embedded database ${file}: it is ${what} (${typeof code === 'string' && !reason.startsWith(code) ? `${code}: ` : ''}${reason}).`,
    file,
    typeof code === 'string' ? code : undefined,
    fix,
  );
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}
