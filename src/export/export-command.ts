/**
 * npm run export -- --format F [--around ID --depth N | --dependencies ID --direction D | --from A --to B] [--out FILE]
 *
 * Writes the whole graph, or a view, in one export format (src/export/formats.ts) to stdout
 * or to --out; `--format csv` writes two files, PREFIX.nodes.csv and PREFIX.edges.csv, so it
 * needs --out PREFIX. Every other flag is an export parameter (src/export/params.ts), named as
 * over HTTP. Reads the store the server would (the same environment: src/config.ts), loading
 * the seed first as the server does. A bad flag or id: one line naming it, exit 1.
 */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runStoreCommand } from '../command';
import { DomainError } from '../domain/errors';
import { createContext } from '../graphql/context';
import { ensureSeed } from '../seed/ensure-seed';
import { explainStartupError, startupMessage } from '../startup-errors';
import type { GraphStore } from '../store/store';
import type { Config } from '../config';
import { exportChunks } from './export';
import { FORMAT_NAMES, type FormatName } from './formats';
import { parseExportParameters } from './params';

class UsageError extends Error {}

interface Command {
  format: FormatName | 'csv';
  out?: string;
  parameters: Map<string, string[]>;
}

export function parseArguments(args: readonly string[]): Command {
  const parameters = new Map<string, string[]>();
  let format: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const match = /^--([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(flag);
    if (!match) throw new UsageError(`${flag}: expected a flag such as --format gexf.`);
    const name = match[1]!;
    const value = match[2] ?? args[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    if (name === 'format') format = value;
    else if (name === 'out') out = value;
    else parameters.set(name, [...(parameters.get(name) ?? []), value]);
  }
  const formats = [...FORMAT_NAMES, 'csv'];
  if (format === undefined) throw new UsageError(`--format is missing: one of ${formats.join(', ')}.`);
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${format}".`);
  if (format === 'csv' && out === undefined) throw new UsageError('--out is missing: --format csv writes PREFIX.nodes.csv and PREFIX.edges.csv, so it needs --out PREFIX.');
  return { format: format as Command['format'], out, parameters };
}

/** Writes the export the command asks for, loading the seed first as the server does. */
async function writeExport(store: GraphStore, { command, request }: { command: Command; request: ReturnType<typeof parseExportParameters> }, config: Config): Promise<void> {
  if (config.loadSeed) await ensureSeed(store, config.seedDir, { sourcesDir: config.sourcesDir });
  const ctx = createContext(store);
  const targets: [FormatName, string | undefined][] =
    command.format === 'csv'
      ? [['nodes.csv', `${command.out}.nodes.csv`], ['edges.csv', `${command.out}.edges.csv`]]
      : [[command.format, command.out]];
  for (const [format, file] of targets) {
    const chunks = await exportChunks(ctx, request, format);
    const sink: Writable = file === undefined ? process.stdout : createWriteStream(file);
    await pipeline(Readable.from(chunks), sink, { end: file !== undefined });
    if (file !== undefined) process.stderr.write(`wrote ${file}\n`);
  }
}

/** One line for what the user can fix (a flag, an id, the configuration), the stack for anything else. */
function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `export: ${error.message}`;
  if (error instanceof DomainError) {
    // Flags are named as flags: `argument "around"` (from the id resolution the API shares) is `--around`.
    return `export: ${(error.publicMessage ?? error.message).replace(/argument "([^"]+)"/g, (_m, name: string) => `--${name}`)}`;
  }
  const known = explainStartupError(error, undefined);
  return known ? `export: ${startupMessage(known)}` : `export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

if (require.main === module) {
  runStoreCommand({
    parse: () => {
      const command = parseArguments(process.argv.slice(2));
      return { command, request: parseExportParameters(command.parameters, (p) => `--${p}`) };
    },
    run: writeExport,
    describe: describeFailure,
  });
}
