/**
 * The export budget: the whole synthetic graph of a size (default `medium`: 10,000 entities,
 * 100,000 relationships) exported in each format from the embedded store, each format in a
 * process of its own so that one's memory does not count in another's. Prints, per format,
 * the time, the bytes written and the peak resident memory (the process's maxRSS), above
 * the store's own once opened and warmed.
 *
 *   npx tsx test/bench/export.ts [--size small|medium|large]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportChunks } from '../../src/export/export';
import { FORMAT_NAMES, FORMATS, type FormatName } from '../../src/export/formats';
import { parseExportParameters } from '../../src/export/params';
import { createContext } from '../../src/graphql/context';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { syntheticGraph, type GraphSize } from './synthetic-graph';

const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

interface Measure {
  format: FormatName;
  ms: number;
  bytes: number;
  baseRssMb: number;
  peakRssMb: number;
}

/** One format, in this process: open the store, warm it, export the whole graph to `out`. */
async function child(format: FormatName, db: string, out: string): Promise<Measure> {
  const store = new SqliteStore(db);
  await store.warm?.();
  const base = process.memoryUsage().rss;
  const started = performance.now();
  const chunks = await exportChunks(createContext(store), parseExportParameters(new Map(), (p) => p), format);
  await pipeline(Readable.from(chunks), createWriteStream(out));
  const ms = performance.now() - started;
  await store.close();
  // maxRSS (KiB): the peak of the whole process, which no sampling timer could miss during a synchronous write.
  return { format, ms, bytes: statSync(out).size, baseRssMb: Number(mb(base)), peakRssMb: Number(mb(process.resourceUsage().maxRSS * 1024)) };
}

async function main(): Promise<void> {
  const childFormat = flag('child') as FormatName | undefined;
  if (childFormat) {
    process.stdout.write(`${JSON.stringify(await child(childFormat, flag('db')!, flag('out')!))}\n`);
    return;
  }
  const size = (flag('size') ?? 'medium') as GraphSize;
  const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  try {
    const graph = syntheticGraph(size);
    const db = join(dir, 'graph.sqlite');
    const store = new SqliteStore(db);
    await store.replaceGraph(graph);
    await store.close();
    process.stdout.write(`Whole-graph export, ${size}: ${graph.entities.length} entities, ${graph.relationships.length} relationships, embedded store (${process.version})\n\n`);
    process.stdout.write('| format | streams | time | output | peak RSS | RSS before export |\n| --- | --- | ---: | ---: | ---: | ---: |\n');
    for (const format of FORMAT_NAMES) {
      const result = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', format, '--db', db, '--out', join(dir, FORMATS[format].file)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (result.status !== 0) throw new Error(`${format}: ${result.stderr}`);
      const m = JSON.parse(result.stdout.trim().split('\n').pop()!) as Measure;
      process.stdout.write(
        `| ${format} | ${FORMATS[format].streams ? 'yes' : 'no'} | ${(m.ms / 1000).toFixed(2)} s | ${mb(m.bytes)} MB | ${m.peakRssMb} MB | ${m.baseRssMb} MB |\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
