import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder of the full source texts, from SOURCES_DIR. The project does not ship the
 * documents (only short quotes of them); without it, quote checks are skipped, loudly.
 */
export function sourcesDir(): string | undefined {
  const dir = process.env.SOURCES_DIR;
  if (dir && existsSync(dir)) return dir;
  process.stderr.write('Quote checks against the source texts SKIPPED: SOURCES_DIR is not set or does not exist.\n');
  return undefined;
}

export function sourceText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8').replace(/\s+/g, ' ');
}
