/**
 * Q1 against the HTTP limit, back to back: a bare node:http server returning our bytes, then
 * our server (dist/main.js, embedded store, seeded), each loaded by test/bench/load.ts in its
 * own process. Repeats and prints the median ratio ours / bare.
 *
 *   npm run build && npx tsx test/bench/http/q1-ratio.ts [--rounds 3] [--duration 10] [--warmup 2] [--query Q1] [--profile dir] [--ours-only] [--other main.js]
 *
 * --other <path/to/main.js> also loads another build of our server (say, an earlier commit's) in every round.
 * --ours-only skips loading the bare server (for a profile of our server alone).
 * --profile passes --cpu-prof --cpu-prof-dir=<dir> to our server (a .cpuprofile is written when it stops).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../../src/paths';
import { QUERIES, type QueryName } from '../queries';

const run = promisify(execFile);
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const rounds = Number(option('rounds', '3'));
const durationSec = Number(option('duration', '10'));
const warmupSec = Number(option('warmup', '2'));
const query = option('query', 'Q1') as QueryName;
const profileDir = option('profile', '');
const oursOnly = process.argv.includes('--ours-only');
const other = option('other', '');
const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string>, marker: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let found = false;
    const seen = (c: Buffer) => {
      if (found) return; // keep draining the pipe, as the benchmark runner does
      out += c.toString();
      const m = marker.exec(out);
      if (m) {
        found = true;
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function post(url: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return res.text();
}

interface Load { rps: number; p50: number; p99: number; requests: number; errors: number }
async function load(url: string, bodies: string[]): Promise<Load> {
  const job = join(mkdtempSync(join(tmpdir(), 'http-bench-job-')), 'job.json');
  writeFileSync(job, JSON.stringify({ url, bodies, connections: 8, durationSec, warmupSec }));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/bench/load.ts'), job], { maxBuffer: 1 << 20 });
  rmSync(job, { force: true });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Load;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** Load, and the server's CPU time per request meanwhile (microseconds): steadier than requests/s on a shared machine. */
async function measure(child: ChildProcess, url: string, bodies: string[]): Promise<Load & { cpuUs: number }> {
  const before = cpuSeconds(child);
  const r = await load(url, bodies);
  const requests = r.rps * (durationSec + warmupSec); // the warm-up's requests used CPU too
  return { ...r, cpuUs: ((cpuSeconds(child) - before) / requests) * 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'http-bench-'));
  const seed = readFileSync(join(PROJECT_ROOT, 'seed/question-412-smart-city-2020.yaml'), 'utf8');
  const ids = [...seed.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]!).slice(0, 50);
  const bodies = ids.map((id) => JSON.stringify({ query: QUERIES[query], variables: { id } }));

  const ours = await start([...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(PROJECT_ROOT, 'dist/main.js')],
    { PORT: '0', DATA_DIR: join(work, 'data') }, /"url":"([^"]+)"/);
  const answers: Record<string, string> = {};
  for (const body of bodies) {
    answers[body] = await post(ours.url, body);
    if (answers[body]!.includes('"errors"')) throw new Error(`error answer to ${body}: ${answers[body]}`);
  }
  writeFileSync(join(work, 'answers.json'), JSON.stringify(answers));
  const otherServer = other ? await start([other], { PORT: '0', DATA_DIR: join(work, 'data-other') }, /"url":"([^"]+)"/) : undefined;
  const bare = await start(['--import', 'tsx', join(PROJECT_ROOT, 'test/bench/bare-http.ts'), join(work, 'answers.json')], {}, /BARE_HTTP_READY (\S+)/);

  const ratios: number[] = [];
  const bareRps: number[] = [];
  const oursRps: number[] = [];
  const cpu: { bare: number[]; ours: number[]; other: number[] } = { bare: [], ours: [], other: [] };
  const otherRatios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = oursOnly ? { rps: NaN, p99: NaN, cpuUs: NaN } : await measure(bare.child, bare.url, bodies);
    const o = await measure(ours.child, ours.url, bodies);
    ratios.push(o.rps / b.rps);
    bareRps.push(b.rps);
    oursRps.push(o.rps);
    cpu.bare.push(b.cpuUs);
    cpu.ours.push(o.cpuUs);
    if (otherServer) {
      const x = await measure(otherServer.child, otherServer.url, bodies);
      otherRatios.push(x.rps / b.rps);
      cpu.other.push(x.cpuUs);
      process.stderr.write(`round ${i + 1}: other ${x.rps.toFixed(0)}/s (p50 ${x.p50}, p99 ${x.p99}, errors ${x.errors}, ${x.cpuUs.toFixed(0)} µs CPU/request), ratio ${(x.rps / b.rps).toFixed(3)}\n`);
    }
    process.stderr.write(`round ${i + 1}: bare ${b.rps.toFixed(0)}/s (p99 ${b.p99}, ${b.cpuUs.toFixed(0)} µs CPU/request), ours ${o.rps.toFixed(0)}/s (p50 ${o.p50}, p99 ${o.p99}, errors ${o.errors}, ${o.cpuUs.toFixed(0)} µs CPU/request), ratio ${(o.rps / b.rps).toFixed(3)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ query, bare: median(bareRps), ours: median(oursRps), ratio: Number(median(ratios).toFixed(3)), ratios: ratios.map((r) => Number(r.toFixed(3))), cpuUsPerRequest: { bare: Math.round(median(cpu.bare)), ours: Math.round(median(cpu.ours)) },
    ...(otherServer ? { other: { ratio: Number(median(otherRatios).toFixed(3)), ratios: otherRatios.map((r) => Number(r.toFixed(3))), cpuUsPerRequest: Math.round(median(cpu.other)) } } : {}) })}\n`);
  await stop(bare.child);
  if (otherServer) await stop(otherServer.child);
  await stop(ours.child);
  rmSync(work, { recursive: true, force: true });
}

main()
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  });
