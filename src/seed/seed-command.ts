/**
 * `npm run seed [-- --force]`: loads seed/ into the store the environment names (the
 * server's variables: DATA_DIR or NEO4J_URI..., SEED_DIR, SOURCES_DIR), each file as its
 * dataset (src/seed/ensure-seed.ts), under the same
 * lock as a starting server, so it can run beside servers, or before them as a job of
 * its own. Prints one JSON line and exits 0 when the store holds the seed (loaded now,
 * or already current); prints one line saying what is wrong and exits 1 otherwise.
 */
import { oneLine, runStoreCommand } from '../command';
import { SeedValidationError } from '../domain/errors';
import { ensureSeed } from './ensure-seed';

const USAGE = 'Usage: node dist/seed/seed-command.js [--force]   (--force loads the seed even when the store holds its version)';

/** One line for an error: the seed's issues joined, a message's lines joined, and a fix when the error has one. */
function describeFailure(error: unknown): string {
  if (error instanceof SeedValidationError) {
    const issues = error.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''} ${i.path}: ${i.message}`);
    return `Seed not loaded: ${issues.length} error(s), nothing was loaded: ${issues.join('; ')}`;
  }
  return `Seed not loaded: ${oneLine(error)}`;
}

if (require.main === module) {
  const started = Date.now();
  runStoreCommand({
    parse: () => {
      const argv = process.argv.slice(2);
      const unknown = argv.filter((a) => a !== '--force');
      if (unknown.length) throw new Error(`unknown argument(s) ${unknown.join(' ')}. ${USAGE}`);
      return { force: argv.includes('--force') };
    },
    run: async (store, { force }, config) => {
      const { loaded, version, datasets, skipped } = await ensureSeed(store, config.seedDir, { sourcesDir: config.sourcesDir, force });
      const stats = await store.stats();
      // `datasets`: the seed files recorded anew; `skipped`: edits made through the API that no longer apply to them.
      const line = { msg: loaded ? 'seed loaded' : 'seed already current', loaded, version, datasets, skipped, store: store.kind, ...stats, ms: Date.now() - started };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    describe: describeFailure,
  });
}
