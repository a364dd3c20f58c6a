/**
 * `npm run seed [-- --force]`: loads seed/ into the store the environment names (the
 * server's variables: DATA_DIR or NEO4J_URI..., SEED_DIR, SOURCES_DIR), each file as its
 * dataset (src/seed/ensure-seed.ts), under the same
 * lock as a starting server, so it can run beside servers, or before them as a job of
 * its own. Prints one JSON line and exits 0 when the store holds the seed (loaded now,
 * or already current); prints one line saying what is wrong and exits 1 otherwise.
 */
import { loadConfig } from '../config';
import { SeedValidationError } from '../domain/errors';
import { openStore } from '../store/open-store';
import type { GraphStore } from '../store/store';
import { ensureSeed } from './ensure-seed';
import { runCommand } from '../command';

const USAGE = 'Usage: node dist/seed/seed-command.js [--force]   (--force loads the seed even when the store holds its version)';

/** One line for an error: the seed's issues joined, a message's lines joined, and a fix when the error has one. */
export function oneLine(error: unknown): string {
  if (error instanceof SeedValidationError) {
    const issues = error.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''} ${i.path}: ${i.message}`);
    return `Seed not loaded: ${issues.length} error(s), nothing was loaded: ${issues.join('; ')}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const fix = (error as { fix?: unknown }).fix;
  const text = message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return `Seed not loaded: ${text}${typeof fix === 'string' ? ` ${fix}` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--force');
  if (unknown.length) {
    process.stderr.write(`Seed not loaded: unknown argument(s) ${unknown.join(' ')}. ${USAGE}\n`);
    return 1;
  }
  const started = Date.now();
  let store: GraphStore | undefined;
  try {
    const config = loadConfig();
    // Retries of a Neo4j that does not answer yet go to stderr: stdout holds the one result line.
    store = await openStore(config, (line) => process.stderr.write(`${JSON.stringify(line)}\n`));
    const { loaded, version, datasets, skipped } = await ensureSeed(store, config.seedDir, { sourcesDir: config.sourcesDir, force: argv.includes('--force') });
    const stats = await store.stats();
    // `datasets`: the seed files recorded anew; `skipped`: edits made through the API that no longer apply to them.
    const line = { msg: loaded ? 'seed loaded' : 'seed already current', loaded, version, datasets, skipped, store: store.kind, ...stats, ms: Date.now() - started };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

if (require.main === module) runCommand(() => main(process.argv.slice(2)), oneLine);
