import type { Config } from './config';
import { ConfigError, SeedValidationError, StartupError, StoreUnavailableError } from './domain/errors';
import { DatabaseFileError } from './store/embedded/sqlite-errors';

type SystemError = Error & { code?: string; syscall?: string; path?: string };

/** Why `listen` failed, in the operator's words: which variable to change and how. */
export function listenError(error: SystemError, config: Config): StartupError {
  const where = `${config.host}:${config.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(`Port ${config.port} on ${config.host} is already in use.`, 'Stop the program that holds it, or set PORT to a free port.');
    case 'EACCES':
      return new StartupError(`Not allowed to listen on ${where}.`, 'Set PORT to 1024 or above, or run with the right to bind low ports.');
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EINVAL':
      return new StartupError(`HOST "${config.host}" is not an address of this machine (${error.code}).`, 'Set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).');
    default:
      return new StartupError(`Cannot listen on ${where}: ${error.message}.`, 'Check HOST and PORT.');
  }
}

/**
 * Every failure before the server listens, as one StartupError: a bad variable, a seed that
 * does not validate, a DATA_DIR that cannot hold the database, a store that cannot be opened.
 * Returns undefined for what is not foreseen (printed with its stack by the caller).
 */
export function explainStartupError(error: unknown, config?: Config): StartupError | ConfigError | SeedValidationError | undefined {
  if (error instanceof StartupError || error instanceof ConfigError || error instanceof SeedValidationError) return error;
  // The embedded store names the file and SQLite's reason; a folder problem is said as DATA_DIR's.
  const e = (error instanceof DatabaseFileError ? ((error as { cause?: unknown }).cause ?? error) : error) as SystemError;
  if (config && !config.neo4j && typeof e.code === 'string' && e.path !== undefined) {
    if (e.code === 'ENOTDIR' || e.code === 'EEXIST') {
      return new StartupError(`DATA_DIR ${config.dataDir} is not a folder (${e.path} is a file).`, 'Set DATA_DIR to a folder, or move the file away.');
    }
    if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') {
      return new StartupError(`DATA_DIR ${config.dataDir} cannot be written (${e.code} on ${e.path}).`, 'Set DATA_DIR to a folder this user can write, or fix its permissions.');
    }
  }
  if (error instanceof DatabaseFileError) return new StartupError(error.message, error.fix);
  if (error instanceof StoreUnavailableError && config && !config.neo4j) {
    return new StartupError(
      `The embedded database in DATA_DIR ${config.dataDir} cannot be opened: ${error.message}`,
      'Move graph.sqlite away (it is rebuilt from seed/ at the next start), or set DATA_DIR to another folder.',
    );
  }
  return undefined;
}

/** What the operator reads: one line, the problem then the fix; several for a seed or configuration with several errors. */
export function startupMessage(error: StartupError | ConfigError | SeedValidationError): string {
  return error instanceof StartupError ? `Start failed: ${error.message} ${error.fix}` : error.message;
}
