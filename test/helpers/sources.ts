import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** True under CI (CI set, and not "false" or "0"), as test/support/store-reporter.js reads it. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/**
 * The folder of the full source texts, from SOURCES_DIR, or undefined when it is not set or
 * does not exist. The project does not ship the documents (only short quotes of them).
 */
export function sourcesDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.SOURCES_DIR?.trim();
  return dir && existsSync(dir) ? dir : undefined;
}

export function sourceText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8').replace(/\s+/g, ' ');
}

let warned = false;

/**
 * A test that checks quotes against the source texts; its name is tagged "[sources]" so that
 * the reporter counts it. With SOURCES_DIR it runs. Without it, it is skipped, and shows as
 * skipped (never as passed); under CI it fails instead, since CI must check every quote.
 */
export function itWithSources(name: string, fn: (dir: string) => void | Promise<void>, timeout?: number): void {
  const title = `${name} [sources]`;
  const dir = sourcesDir();
  if (dir) {
    it(title, async () => {
      await fn(dir);
    }, timeout);
    return;
  }
  const why = process.env.SOURCES_DIR ? `SOURCES_DIR=${process.env.SOURCES_DIR} does not exist` : 'SOURCES_DIR is not set';
  if (isCI()) {
    it(title, () => {
      throw new Error(`${why}: under CI every quote must be checked against the source texts (set SOURCES_DIR to their folder)`);
    });
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`Quote checks against the source texts SKIPPED: ${why}.\n`);
  }
  it.skip(title, () => {});
}
