/**
 * The benchmark: one command, a fixed workload, a Markdown table.
 *
 *   npm run bench -- --size small|medium|large [--duration 10] [--warmup 2] [--connections 8]
 *
 * A deterministic synthetic graph is loaded through each store's normal import path;
 * then, side by side on this machine: a bare node:http server returning our bytes
 * (the limit for HTTP), our server on the embedded store and on Neo4j, @neo4j/graphql
 * on the same Neo4j, and Q4-Q6 over typed arrays in one process (the limit for
 * traversal). The load comes from another process (autocannon), after a warm-up.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { emptyNeo4j } from '../helpers/neo4j-test-env';
import { NEO4J_GRAPHQL_QUERIES } from './neo4j-graphql/queries';
import { QUERIES, QUERY_NAMES, type QueryName } from './queries';
import { syntheticGraph, type SyntheticGraph } from './synthetic-graph';
import { CompressedGraph, measureLimit } from './typed-array-limit';

const run = promisify(execFile);
type Size = 'small' | 'medium' | 'large';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const size = option('size', 'small') as Size;
const durationSec = Number(option('duration', '10'));
const warmupSec = Number(option('warmup', '2'));
const connections = Number(option('connections', '8'));
if (!['small', 'medium', 'large'].includes(size)) throw new Error(`--size must be small, medium or large; got ${size}`);

const children: ChildProcess[] = [];
/** Set while the benchmark's own Neo4j runs, so that a failure stops it too. */
let stopNeo4j: (() => Promise<unknown>) | undefined;
const log = (line: string) => process.stderr.write(`${line}\n`);

function progress(label: string): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/** Starts a process and resolves with the URL it prints on a line starting with `marker`. */
function startProcess(command: string, args: string[], env: Record<string, string>, marker: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    // Only the tail is kept: a server logs a line per request for the whole run.
    let out = '';
    let ready = false;
    const keep = (c: Buffer) => (out = (out + c.toString()).slice(-8000));
    child.stdout!.on('data', (c: Buffer) => {
      keep(c);
      const m = ready ? null : marker.exec(out);
      if (m) {
        ready = true;
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', keep);
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`)));
  });
}

async function importInto(label: string, store: GraphStore, graph: SyntheticGraph): Promise<number> {
  const started = process.hrtime.bigint();
  await store.replaceGraph(graph, progress(label));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return graph.relationships.length / seconds;
}

function bodiesFor(graph: SyntheticGraph, q: QueryName, queries: Record<QueryName, string>): string[] {
  const p = graph.picks;
  const vars: Record<string, unknown>[] =
    q === 'Q1' || q === 'Q2' ? p.ids.map((id) => ({ id }))
    : q === 'Q3' ? p.searchTerms.map((text) => ({ text }))
    : q === 'Q4' ? p.hubs.map((id) => ({ id }))
    : q === 'Q5' ? p.pairs.map(([from, to]) => ({ from, to }))
    : p.corePlatforms.map((id) => ({ id }));
  return vars.map((variables) => JSON.stringify({ query: queries[q], variables }));
}

async function post(url: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return res.text();
}

interface Load { rps: number; p50: number; p99: number; requests: number; errors: number }
async function load(url: string, bodies: string[], conns = connections): Promise<Load> {
  for (const body of bodies.slice(0, 5)) {
    const answer = await post(url, body);
    if (answer.includes('"errors"')) throw new Error(`${url} answered an error to ${body.slice(0, 200)}: ${answer.slice(0, 500)}`);
  }
  const job = join(mkdtempSync(join(tmpdir(), 'bench-job-')), 'job.json');
  writeFileSync(job, JSON.stringify({ url, bodies, connections: conns, durationSec, warmupSec }));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(__dirname, 'load.ts'), job], { maxBuffer: 1 << 20 });
  rmSync(job, { force: true });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Load;
}

function peakRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), `bench-${size}-`));
  log(`== graph: ${size}`);
  let t = Date.now();
  const graph = syntheticGraph(size);
  log(`  ${graph.entities.length} entities, ${graph.relationships.length} relationships in ${Date.now() - t} ms`);

  log('== build');
  await run(join(PROJECT_ROOT, 'node_modules/.bin/tsc'), ['-p', join(PROJECT_ROOT, 'tsconfig.build.json')]);

  log('== import: embedded');
  const sqliteFile = join(work, 'data', 'graph.sqlite');
  mkdirSync(join(work, 'data'), { recursive: true });
  const embeddedImport = await importInto('embedded', new SqliteStore(sqliteFile), graph);

  log('== import: neo4j');
  let neo4jUri = process.env.NEO4J_URI;
  const neo4jEnv = { NEO4J_BOLT_PORT: process.env.BENCH_BOLT_PORT ?? '7690', NEO4J_STATE_DIR: join(work, 'neo4j'), NEO4J_HEAP: process.env.NEO4J_HEAP ?? '6g', NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '2g',
    // The whole graph loads in one transaction: it needs room beyond the test server's defaults.
    NEO4J_TX_MAX: process.env.NEO4J_TX_MAX ?? '4g', NEO4J_TX_TOTAL_MAX: process.env.NEO4J_TX_TOTAL_MAX ?? '5g' };
  if (!neo4jUri) {
    stopNeo4j = () => run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), 'stop'], { env: { ...process.env, ...neo4jEnv } });
    await run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), 'start'], { env: { ...process.env, ...neo4jEnv } });
    neo4jUri = `bolt://127.0.0.1:${neo4jEnv.NEO4J_BOLT_PORT}`;
  }
  const neo4jAuth = { uri: neo4jUri, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? 'bench' };
  await emptyNeo4j(neo4jAuth);
  const neo4jImport = await importInto('neo4j', await Neo4jStore.connect({ ...neo4jAuth, queryTimeoutMs: 600000 }), graph);

  log('== servers');
  const main = join(PROJECT_ROOT, 'dist/main.js');
  const listening = /"url":"([^"]+)"/;
  const embedded = await startProcess(process.execPath, [main], { PORT: '0', DATA_DIR: join(work, 'data'), LOAD_SEED: 'false' }, listening);
  const neo4j = await startProcess(process.execPath, [main], { PORT: '0', LOAD_SEED: 'false', NEO4J_URI: neo4jUri, NEO4J_USERNAME: neo4jAuth.username, NEO4J_PASSWORD: neo4jAuth.password }, listening);
  const ngql = await startProcess(process.execPath, ['--import', 'tsx', join(__dirname, 'neo4j-graphql/server.ts')], { PORT: '0', NEO4J_URI: neo4jUri, NEO4J_USERNAME: neo4jAuth.username, NEO4J_PASSWORD: neo4jAuth.password }, /NEO4J_GRAPHQL_READY (\S+)/);
  const answers: Record<string, string> = {};
  for (const q of ['Q1', 'Q2'] as const) for (const body of bodiesFor(graph, q, QUERIES)) answers[body] = await post(embedded.url, body);
  writeFileSync(join(work, 'answers.json'), JSON.stringify(answers));
  const bare = await startProcess(process.execPath, ['--import', 'tsx', join(__dirname, 'bare-http.ts'), join(work, 'answers.json')], {}, /BARE_HTTP_READY (\S+)/);

  log(`== load: ${connections} connections, ${warmupSec} s warm-up, ${durationSec} s per run`);
  const results: Record<string, Partial<Record<QueryName, Load>>> = { bare: {}, embedded: {}, neo4j: {}, ngql: {}, embedded1: {}, neo4j1: {} };
  for (const q of QUERY_NAMES) {
    const ours = bodiesFor(graph, q, QUERIES);
    if (q === 'Q1' || q === 'Q2') results.bare![q] = await load(bare.url, ours);
    results.embedded![q] = await load(embedded.url, ours);
    results.neo4j![q] = await load(neo4j.url, ours);
    results.ngql![q] = await load(ngql.url, bodiesFor(graph, q, NEO4J_GRAPHQL_QUERIES));
    if (q === 'Q4' || q === 'Q5' || q === 'Q6') {
      results.embedded1![q] = await load(embedded.url, ours, 1);
      results.neo4j1![q] = await load(neo4j.url, ours, 1);
    }
    log(`  ${q}: ${['bare', 'embedded', 'neo4j', 'ngql'].map((k) => `${k} ${fmt(results[k]![q]?.rps)}/s`).join(', ')}`);
  }
  const memory = { embedded: peakRssMb(embedded.child), neo4j: peakRssMb(neo4j.child), ngql: peakRssMb(ngql.child) };

  log('== limit: typed arrays');
  t = Date.now();
  const compressed = CompressedGraph.from(graph);
  log(`  built in ${Date.now() - t} ms`);
  const limit = measureLimit(compressed, graph.picks, durationSec * 1000);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `### Benchmark: ${size} (${graph.entities.length} entities, ${graph.relationships.length} relationships)`,
    '',
    `${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
      `Load: autocannon in its own process, ${connections} connections, ${warmupSec} s warm-up, ${durationSec} s measured. ` +
      `Requests/s, then p50 / p99 latency in ms.`,
    '',
    '| Query | bare http | ours, embedded | ours, Neo4j | @neo4j/graphql | typed arrays (in process) | embedded / bare | Neo4j / @neo4j/graphql |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const cell = (r?: Load) => (r ? `${fmt(r.rps)} (${fmt(r.p50, 1)} / ${fmt(r.p99, 1)})${r.errors ? ` ${r.errors} errors` : ''}` : '–');
  for (const q of QUERY_NAMES) {
    const l = (limit as Record<string, { opsPerSec: number; p50Ms: number; p99Ms: number }>)[q];
    const b = results.bare![q];
    const e = results.embedded![q]!;
    const n = results.neo4j![q]!;
    const g = results.ngql![q]!;
    lines.push(
      `| ${q} | ${cell(b)} | ${cell(e)} | ${cell(n)} | ${cell(g)} | ${l ? `${fmt(l.opsPerSec)} (${fmt(l.p50Ms, 2)} / ${fmt(l.p99Ms, 2)})` : '–'} | ` +
        `${b ? fmt(e.rps / b.rps, 2) : '–'} | ${fmt(n.rps / g.rps, 2)} |`,
    );
  }
  // The issue's targets for one client on `large` (p50, ms), shown beside every size's figures.
  const target = { Q4: 20, Q5: 30, Q6: 50 };
  lines.push(
    '',
    'One client, requests one after another (p50 / p99 ms, HTTP included), against the typed-array p50 (in process, no HTTP):',
    '',
    '| Query | ours, embedded | ours, Neo4j | typed arrays p50 | embedded / typed arrays | Neo4j / typed arrays | target p50 on large |',
    '|---|---|---|---|---|---|---|',
  );
  for (const q of ['Q4', 'Q5', 'Q6'] as const) {
    const e = results.embedded1![q]!;
    const n = results.neo4j1![q]!;
    const l = limit[q];
    lines.push(
      `| ${q} | ${fmt(e.p50, 2)} / ${fmt(e.p99, 2)} | ${fmt(n.p50, 2)} / ${fmt(n.p99, 2)} | ${fmt(l.p50Ms, 3)} | ` +
        `${fmt(e.p50 / l.p50Ms, 0)}× | ${fmt(n.p50 / l.p50Ms, 0)}× | < ${target[q]} ms |`,
    );
  }
  lines.push(
    '',
    `Import: embedded ${fmt(embeddedImport)} relationships/s, Neo4j ${fmt(neo4jImport)} relationships/s. ` +
      `Peak resident memory: our server on embedded ${fmt(memory.embedded)} MiB, on Neo4j ${fmt(memory.neo4j)} MiB, @neo4j/graphql ${fmt(memory.ngql)} MiB.`,
    '',
  );
  const table = lines.join('\n');
  mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
  const out = join(PROJECT_ROOT, 'bench-results', `${size}.md`);
  writeFileSync(out, table);
  process.stdout.write(`${table}\n(written to ${out})\n`);

  for (const c of children) c.kill('SIGTERM');
  await stopNeo4j?.();
  rmSync(work, { recursive: true, force: true });
}

main().catch(async (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  for (const c of children) c.kill('SIGKILL');
  if (stopNeo4j) await stopNeo4j().catch(() => undefined);
  process.exit(1);
});
