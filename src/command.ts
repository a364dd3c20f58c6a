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
