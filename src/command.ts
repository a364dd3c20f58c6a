import { loadConfig, type Config } from './config';
import { openStore } from './store/open-store';
import type { GraphStore } from './store/store';

/**
 * Runs a command's `main` as the process: its exit code, or, when it throws all the same,
 * exit code 1 and `describe(error)` as one line on stderr.
 */
export function runCommand(main: () => Promise<number>, describe: (error: unknown) => string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${describe(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** A command that works on the store the environment names (the server's variables). */
export interface StoreCommand<A> {
  /** The command's arguments; a throw is told like any failure, before the store is opened. */
  parse: () => A;
  /** What must hold before the store is opened (opening a missing embedded store would create it). */
  check?: (config: Config) => void;
  /** The work; its result is the exit code (0 when none). */
  run: (store: GraphStore, args: A, config: Config) => Promise<number | void>;
  /** The one line a failure is told in, on stderr; the exit code is then 1. */
  describe: (error: unknown) => string;
}

/**
 * Parses the arguments, loads the configuration, opens the store, runs, and closes the store
 * whatever happened: every command on the store fails the same way, in one line and exit 1.
 */
export function runStoreCommand<A>(command: StoreCommand<A>): void {
  runCommand(async () => {
    const args = command.parse();
    const config = loadConfig();
    command.check?.(config);
    // Retries of a Neo4j that does not answer yet go to stderr: stdout holds the command's output.
    const store = await openStore(config, (line) => process.stderr.write(`${JSON.stringify(line)}\n`));
    try {
      return (await command.run(store, args, config)) ?? 0;
    } finally {
      await store.close().catch(() => undefined);
    }
  }, command.describe);
}

/** An error's message on one line (its lines trimmed and joined), with its `fix` when it has one. */
export function oneLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  const fix = (error as { fix?: unknown } | null)?.fix;
  return `${message}${typeof fix === 'string' ? ` ${fix}` : ''}`;
}
