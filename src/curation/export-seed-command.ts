/**
 * `npm run --silent export-seed -- --dataset curation [--document ID] [--text-dir DIR] > seed/ID.yaml`:
 * writes what a dataset of edits made through the API created for one document as a seed file
 * (src/curation/export-seed.ts), read from the store the environment names (the server's
 * variables: DATA_DIR or NEO4J_URI..., SEED_DIR), as its change log has the graph now; the
 * store is not changed. `--document` is needed when the dataset registered several documents.
 * `--text-dir DIR` also writes the document's registered text to DIR/ID.txt and names it in
 * `sourceFile`. Before writing, it checks that loading the file beside SEED_DIR's files
 * changes nothing (the header says what it found). The file goes to stdout, one JSON line
 * saying what was written to stderr, exit 0; anything wrong: one line on stderr, exit 1.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { oneLine, runStoreCommand } from '../command';
import type { Config } from '../config';
import { SeedValidationError } from '../domain/errors';
import { loadSeed } from '../seed/load-seed';
import type { GraphStore } from '../store/store';
import type { ChangeRecord } from '../changes/change';
import { checkReload, exportSeed, seedFileText, type ExportOrigin, type ReloadOutcome, type SeedExport } from './export-seed';
import { fold } from './fold';

const USAGE = 'Usage: npm run --silent export-seed -- --dataset curation [--document ID] [--text-dir DIR] > seed/ID.yaml';

interface Command {
  dataset: string;
  document?: string;
  textDir?: string;
}

class UsageError extends Error {}

/** The command the arguments ask for (`--flag value` or `--flag=value`), or a UsageError naming what is wrong. */
export function parseArguments(argv: readonly string[]): Command {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^(--[a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!match || !['--dataset', '--document', '--text-dir'].includes(match[1]!)) throw new UsageError(`unknown argument ${argv[i]}.`);
    const flag = match[1]!;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
    if (flags.has(flag)) throw new UsageError(`${flag} given twice.`);
    flags.set(flag, value);
  }
  const dataset = flags.get('--dataset');
  if (dataset === undefined) throw new UsageError('--dataset is missing (the dataset of the edits made through the API is "curation").');
  return { dataset, document: flags.get('--document'), textDir: flags.get('--text-dir') };
}

function describeFailure(error: unknown): string {
  const message = error instanceof SeedValidationError
    ? error.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''} ${i.path}: ${i.message}`).join('; ')
    : oneLine(error);
  return `Seed not exported: ${message}${error instanceof UsageError ? ` ${USAGE}` : ''}`;
}

/** The store as a person names it, without credentials. */
function storeName(config: Config): string {
  if (config.neo4j) return `Neo4j store ${config.neo4j.uri.replace(/\/\/[^@/]*@/, '//')} (database ${config.neo4j.database})`;
  return `embedded store ${join(config.dataDir, 'graph.sqlite')}`;
}

/**
 * What loading the file beside the seed files of `seedDir` does to the graph: the file is
 * loaded with copies of them in a folder of its own (it replaces a file of its name), and
 * the log folded with its LOAD. A file that does not load is an error; seed files that do not
 * load leave it unchecked.
 */
function reloadCheck(seedDir: string, exp: SeedExport, changes: readonly ChangeRecord[], text: string): ReloadOutcome {
  const others = existsSync(seedDir) ? readdirSync(seedDir).filter((f) => /\.ya?ml$/.test(f)) : [];
  if (others.length === 0) return { notChecked: `no seed file in ${seedDir} (SEED_DIR) to load it beside` };
  const name = exp.document.id;
  const dir = mkdtempSync(join(tmpdir(), 'export-seed-'));
  try {
    for (const f of others) if (f.replace(/\.ya?ml$/, '') !== name) copyFileSync(join(seedDir, f), join(dir, f));
    writeFileSync(join(dir, `${name}.yaml`), text);
    try {
      const seed = loadSeed(dir);
      return checkReload(changes, seed.datasets.find((d) => d.name === name)!);
    } catch (error) {
      if (!(error instanceof SeedValidationError)) throw error;
      const own = error.issues.filter((i) => basename(i.file) === `${name}.yaml`);
      if (own.length) throw new SeedValidationError(own.map((i) => ({ ...i, file: `the file written (${name}.yaml)` })));
      const first = error.issues[0];
      return { notChecked: `the seed files of ${seedDir} (SEED_DIR) do not load: ${error.issues.length} error(s), the first ${first?.file} ${first?.path}: ${first?.message}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Exports the seed file to stdout and says what it wrote on stderr. */
async function exportSeedFile(store: GraphStore, command: Command, config: Config): Promise<void> {
  const changes = await store.listChanges({ targets: false });
  const exp = exportSeed(fold(changes).graph, changes, { dataset: command.dataset, document: command.document, withSourceFile: command.textDir !== undefined });
  const last = changes.at(-1);
  const origin: ExportOrigin = {
    exportedAt: new Date().toISOString(),
    store: storeName(config),
    through: { seq: last?.seq ?? 0, at: last?.at ?? null },
    command: `npm run --silent export-seed -- --dataset ${exp.dataset} --document ${exp.document.id}${command.textDir !== undefined ? ' --text-dir DIR' : ''}`,
  };
  const checked = reloadCheck(config.seedDir, exp, changes, seedFileText(exp, origin));
  const seedFile = seedFileText(exp, { ...origin, reload: checked });
  let textFile: string | undefined;
  if (command.textDir !== undefined && exp.sourceFile && exp.text !== null) {
    mkdirSync(command.textDir, { recursive: true });
    textFile = join(command.textDir, exp.sourceFile);
    writeFileSync(textFile, exp.text);
  }
  process.stdout.write(seedFile);
  const reload = 'notChecked' in checked || checked.changed.length || checked.skipped.length ? checked : 'unchanged';
  const line = {
    msg: 'seed exported',
    dataset: exp.dataset,
    document: exp.document.id,
    entities: exp.entities.length,
    relationships: exp.relationships.length,
    corrections: exp.corrections,
    keptAsEdits: exp.keptAsEdits,
    citationsLeftOut: exp.leftOut,
    ...(textFile ? { textFile } : {}),
    reload,
    store: store.kind,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

if (require.main === module) {
  runStoreCommand({
    parse: () => parseArguments(process.argv.slice(2)),
    check: (config) => {
      // Reading an embedded store that is not there would make an empty one.
      const file = join(config.dataDir, 'graph.sqlite');
      if (!config.neo4j && !existsSync(file)) throw new Error(`no embedded store at ${file} (DATA_DIR): nothing to export.`);
    },
    run: exportSeedFile,
    describe: describeFailure,
  });
}
