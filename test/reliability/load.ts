/**
 * Sustained mixed load on one server: 64 connections of the README's five questions, search,
 * neighbourhood, dependencies, shortest paths, lookups by id, and a few bad requests, for a
 * fixed time. Prints requests, requests/s, p50/p99 latency, answers by status and error code,
 * per kind of request, and every answer that is not what its kind expects (exit code 1 then).
 *
 *   npm run load                                  builds, starts dist/main.js on a fresh data folder (the seed), loads it 20 s
 *   npm run load -- --duration 60 --connections 64
 *   npx tsx test/reliability/load.ts --url http://127.0.0.1:4000/graphql   a server already running (holding the seed)
 *
 * Traffic goes to 127.0.0.1 only (a --url elsewhere is refused), for at most 600 s and 256 connections.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { readmeQuestions } from '../helpers/readme';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const durationSec = Number(option('duration', '20'));
const connections = Number(option('connections', '64'));
const givenUrl = option('url', '');
function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
if (!Number.isFinite(durationSec) || durationSec < 1 || durationSec > 600) usage(`--duration must be 1 to 600 seconds; got ${option('duration', '')}`);
if (!Number.isInteger(connections) || connections < 1 || connections > 256) usage(`--connections must be 1 to 256; got ${option('connections', '')}`);
if (givenUrl) {
  let host = '';
  try {
    host = new URL(givenUrl).hostname;
  } catch {
    usage(`--url is not a URL: ${givenUrl}`);
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) usage(`--url must name a server on 127.0.0.1; got ${host}`);
}

/** What one kind of request expects: a 200 without errors, or these codes (and this status). */
interface Kind {
  name: string;
  /** Relative weight in the mix. */
  weight: number;
  bodies: string[];
  expectCodes?: string[];
  expectStatus?: number;
}

function kinds(): Kind[] {
  const seed = loadSeed(join(PROJECT_ROOT, 'seed'));
  const ids = seed.entities.map((e) => e.id);
  const platforms = seed.entities.filter((e) => e.type === 'Platform').map((e) => e.id);
  const q = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
  const pick = <T>(xs: T[], n: number, step: number) => Array.from({ length: n }, (_, i) => xs[(i * step) % xs.length]!);
  return [
    ...[...readmeQuestions()].map(([n, query]) => ({ name: `README question ${n}`, weight: 4, bodies: [q(query)] })),
    {
      name: 'node by id',
      weight: 10,
      bodies: ids.map((id) => q('query($id: ID!) { node(id: $id) { id name type relationships { type from { id } to { id } } } }', { id })),
    },
    {
      name: 'search',
      weight: 8,
      bodies: ['cirb', 'numerique', 'Fidus', 'smart city', 'plateforme', 'brux', 'données', 'CRM', 'irisbox', 'gartner'].map((text) =>
        q('query($text: String!) { search(text: $text, first: 10) { score entity { id name } } }', { text }),
      ),
    },
    {
      name: 'neighbourhood',
      weight: 6,
      bodies: pick(ids, 20, 7).map((id, i) =>
        q('query($id: ID!, $depth: Int) { neighbourhood(id: $id, depth: $depth, limit: 200) { truncated nodes { id name } relationships { id type } } }', { id, depth: 1 + (i % 3) }),
      ),
    },
    {
      name: 'dependencies',
      weight: 6,
      bodies: platforms.flatMap((id) =>
        (['DOWNSTREAM', 'UPSTREAM'] as const).map((direction) =>
          q('query($id: ID!, $d: DependencyDirection!) { dependencies(id: $id, direction: $d, maxDepth: 5) { truncated nodes { id name } relationships { type from { id } to { id } } } }', { id, d: direction }),
        ),
      ),
    },
    {
      name: 'shortest path',
      weight: 6,
      bodies: pick(ids, 20, 11).map((from, i) =>
        q('query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxDepth: 6) { length nodes { id } relationships { type } } }', { from, to: ids[(i * 13 + 5) % ids.length] }),
      ),
    },
    { name: 'bad: syntax error', weight: 1, bodies: [q('{ node(id: "cirb") { id ')], expectCodes: ['GRAPHQL_PARSE_FAILED'] },
    { name: 'bad: unknown field', weight: 1, bodies: [q('{ node(id: "cirb") { colour } }')], expectCodes: ['GRAPHQL_VALIDATION_FAILED'] },
    { name: 'bad: variable of the wrong type', weight: 1, bodies: [q('query($first: Int) { search(text: "cirb", first: $first) { score } }', { first: '10' })], expectCodes: ['BAD_USER_INPUT'] },
    { name: 'bad: depth out of range', weight: 1, bodies: [q('{ neighbourhood(id: "cirb", depth: 9) { truncated } }')], expectCodes: ['BAD_USER_INPUT'] },
    { name: 'bad: unknown entity', weight: 1, bodies: [q('{ dependencies(id: "no-such-entity", direction: DOWNSTREAM) { truncated } }')], expectCodes: ['NOT_FOUND'] },
    { name: 'bad: invalid JSON', weight: 1, bodies: ['{"query": "{ node(id: \\"cirb\\") { id } }"'], expectCodes: ['BAD_REQUEST', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED'], expectStatus: 400 },
  ];
}

/** Starts dist/main.js on a fresh data folder, PORT=0, and resolves with its URL once it listens. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    // The server logs a line per request: keep reading (and only the tail) for the whole run.
    const keep = (c: Buffer) => {
      out = (out + c.toString()).slice(-16000);
      const m = ready ? null : /"msg":"listening"[^\n]*"url":"([^"]+)"|"url":"([^"]+)"[^\n]*"msg":"listening"/.exec(out);
      if (m) {
        ready = true;
        resolve({ child, url: m[1] ?? m[2]! });
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`dist/main.js exited ${code} before listening (did npm run build run?): ${out.slice(-2000)}`));
    });
  });
}

interface Tally {
  requests: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
  unexpected: number;
  example?: string;
  ms: number[];
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  let server: { child: ChildProcess; url: string } | undefined;
  const work = givenUrl ? undefined : mkdtempSync(join(tmpdir(), 'load-'));
  try {
    let url = givenUrl;
    if (!url) {
      server = await startServer(join(work!, 'data'));
      url = server.url;
    }
    const target = new URL(url);
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';

    const mix = kinds();
    // A deterministic sequence of (kind, body), in proportion to the weights.
    const sequence: [number, string][] = [];
    const cursor = mix.map(() => 0);
    for (let round = 0; round < 40; round++) {
      mix.forEach((k, i) => {
        for (let w = 0; w < k.weight; w++) sequence.push([i, k.bodies[cursor[i]!++ % k.bodies.length]!]);
      });
    }
    for (let i = sequence.length - 1; i > 0; i--) {
      const j = (i * 7919 + 13) % (i + 1);
      [sequence[i], sequence[j]] = [sequence[j]!, sequence[i]!];
    }
    const tallies: Tally[] = mix.map(() => ({ requests: 0, statuses: {}, codes: {}, unexpected: 0, ms: [] }));
    let next = 0;
    process.stderr.write(`load: ${url}, ${connections} connections, ${durationSec} s, ${mix.length} kinds of request\n`);

    const result = await autocannon({
      url: target.toString(),
      connections,
      duration: durationSec,
      timeout: 30,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (req, ctx) => {
            const context = ctx as Record<string, unknown>;
            const [kind, body] = sequence[next++ % sequence.length]!;
            context.kind = kind;
            context.started = performance.now();
            return { ...req, body };
          },
          onResponse: (status, body, ctx) => {
            const context = ctx as Record<string, unknown>;
            const k = mix[context.kind as number]!;
            const t = tallies[context.kind as number]!;
            t.requests++;
            t.ms.push(performance.now() - (context.started as number));
            t.statuses[status] = (t.statuses[status] ?? 0) + 1;
            let codes: string[] = [];
            let parsed = true;
            try {
              const json = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
              codes = (json.errors ?? []).map((e) => e.extensions?.code ?? 'NO CODE');
            } catch {
              parsed = false;
            }
            for (const c of codes) t.codes[c] = (t.codes[c] ?? 0) + 1;
            const ok = k.expectCodes
              ? parsed && codes.length > 0 && codes.every((c) => k.expectCodes!.includes(c)) && (k.expectStatus === undefined || status === k.expectStatus)
              : status === 200 && parsed && codes.length === 0;
            if (!ok) {
              t.unexpected++;
              t.example ??= `${status} ${body.slice(0, 300)}`;
            }
          },
        },
      ],
    });

    const rows = mix.map((k, i) => {
      const t = tallies[i]!;
      const sorted = [...t.ms].sort((a, b) => a - b);
      return `  ${k.name.padEnd(34)} ${String(t.requests).padStart(7)}  p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 0.99).toFixed(1).padStart(7)} ms  statuses ${JSON.stringify(t.statuses)}${Object.keys(t.codes).length ? `  codes ${JSON.stringify(t.codes)}` : ''}${t.unexpected ? `  UNEXPECTED ${t.unexpected}: ${t.example}` : ''}`;
    });
    const answered = tallies.reduce((n, t) => n + t.requests, 0);
    const byStatus: Record<string, number> = {};
    const byCode: Record<string, number> = {};
    for (const t of tallies) {
      for (const [s, n] of Object.entries(t.statuses)) byStatus[s] = (byStatus[s] ?? 0) + n;
      for (const [c, n] of Object.entries(t.codes)) byCode[c] = (byCode[c] ?? 0) + n;
    }
    const unexpected = tallies.reduce((n, t) => n + t.unexpected, 0);
    const lines = [
      `Load: ${connections} connections for ${durationSec} s against ${url}${server ? ' (dist/main.js, embedded store, the seed)' : ''}`,
      `  requests ${result.requests.total} (${answered} answered), ${result.requests.average.toFixed(0)} requests/s on average, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `  answers by status ${JSON.stringify(byStatus)}; errors by code ${JSON.stringify(byCode)}`,
      `  socket errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; answers not as their kind expects: ${unexpected}`,
      '  by kind:',
      ...rows,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) process.exitCode = 1;
  } finally {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
