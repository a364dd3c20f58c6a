import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { createHttpServer, drain } from '../../src/http/server';
import { buildSchema } from '../../src/graphql/schema';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { GraphStore } from '../../src/store/store';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';
import { readmeQuestions } from '../helpers/readme';
import { hostileCases, KINDS, SLOW_CLIENT, type HostileCase } from './hostile-cases';
import { problemsOf, showAnswer, showBytes } from './hostile-check';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { requestBytes, send, sendForAnswers, type RawAnswer } from './raw-http';

/**
 * Thousands of client mistakes and tricks against a real server (node:http, the body limit,
 * yoga, armor, the resolvers, a store holding the seed) on 127.0.0.1. For every answer: the
 * server still runs, no 5xx but 503, every error a JSON body with a stable code from the
 * known list (never INTERNAL_SERVER_ERROR). At the end the graph is the one loaded.
 *
 * Requests are generated from SEED (hostile-cases.ts): the same on every run. Set
 * HOSTILE_REPORT=<file> to have every distinct failure written there, with an example.
 */
const SEED = 0x5eed_412;
const MAX_BODY_BYTES = 102400;
const FUZZ = 1400;
const CONCURRENCY = 8;

const seed = loadSeed(join(PROJECT_ROOT, 'seed'));
const readme = readmeQuestions();
const cases = hostileCases({ seed: SEED, schema: buildSchema(), readme, maxBodyBytes: MAX_BODY_BYTES, fuzz: FUZZ });

/** What the graph answers to a few queries, hashed: equal before and after means nothing changed. */
const CHECKSUM_QUERIES = [
  ...readme.values(),
  '{ dependencies(id: "fidus", direction: DOWNSTREAM) { nodes { id name } relationships { id } truncated } }',
  '{ entities(first: 100) { totalCount nodes { id name type aliases properties } } }',
  '{ search(text: "cirb", first: 20) { score entity { id } } }',
  '{ neighbourhood(id: "cirb", depth: 2, limit: 1000) { nodes { id } relationships { id type from { id } to { id } } } }',
];

interface Failure {
  count: number;
  example: { request: string; answer: string };
}

async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function describeHostile(kind: 'embedded' | 'neo4j', open: () => Promise<{ store: GraphStore; release: () => void }>): void {
  let store: GraphStore;
  let release = () => {};
  let port = 0;
  let server: ReturnType<typeof createHttpServer>;
  const logged: Record<string, unknown>[] = [];
  const failures = new Map<string, Failure>();
  const figures: string[] = [];
  let before: { stats: unknown; version: string | null; checksum: string };

  const checksum = async (): Promise<string> => {
    const hash = createHash('sha256');
    for (const query of CHECKSUM_QUERIES) {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors"')) throw new Error(`checksum query failed: ${query}: ${text.slice(0, 500)}`);
      hash.update(text);
    }
    return hash.digest('hex');
  };
  const snapshot = async () => ({ stats: await store.stats(), version: await store.graphVersion(), checksum: await checksum() });
  const health = async (): Promise<string[]> => {
    const problems: string[] = [];
    const h = await send(port, { method: 'GET', path: '/health' }, 10000);
    if (h.status !== 200) problems.push(`/health answered ${showAnswer(h)}`);
    const r = await send(port, { method: 'GET', path: '/ready' }, 10000);
    if (r.status !== 200) problems.push(`/ready answered ${showAnswer(r)}`);
    return problems;
  };

  beforeAll(async () => {
    ({ store, release } = await open());
    await store.replaceGraph(seed);
    const app = createApp(store, { log: (line) => logged.push(line) });
    server = createHttpServer(app, { maxBodyBytes: MAX_BODY_BYTES, ...SLOW_CLIENT, log: (line) => line.msg !== 'request' && logged.push(line) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
    before = await snapshot();
  }, 120000);

  afterAll(async () => {
    if (server) await drain(server, 2000);
    await store?.close();
    release();
    process.stdout.write(`Hostile requests [store: ${kind}]\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
    const file = process.env.HOSTILE_REPORT;
    if (file) {
      const lines = [`# Hostile requests, store ${kind}: ${failures.size} distinct failures`, ''];
      for (const [signature, f] of [...failures].sort((a, b) => a[0].localeCompare(b[0]))) {
        lines.push(`## ${signature} (${f.count}×)`, '', '```', `request: ${f.example.request}`, `answer:  ${f.example.answer}`, '```', '');
      }
      writeFileSync(file.replace(/(\.md)?$/, `-${kind}$1`), lines.join('\n'));
    }
  }, 60000);

  for (const k of KINDS) {
    const mine = cases.filter((c) => c.kind === k);
    it(`${k}: ${mine.length} requests, each answered without a 5xx and with stable error codes`, async () => {
      const statuses: Record<string, number> = {};
      const local = new Map<string, Failure>();
      await pool(mine, CONCURRENCY, async (c: HostileCase) => {
        // One request, or several on one connection (pipelining), each with what it expects.
        const steps = [{ request: c.request, expect: c.expect }, ...(c.pipeline ?? [])];
        const bytes = Buffer.concat(steps.map((s) => ('smuggled' in s && s.smuggled ? Buffer.alloc(0) : requestBytes(port, s.request))));
        const { answers, failure, rest } = await sendForAnswers(port, bytes, steps.map((s) => s.request.method), c.timeoutMs ?? 10000, c.pace);
        const note = (problem: string, answer: RawAnswer) => {
          const signature = `${k} / ${c.family}: ${problem}`;
          const f = local.get(signature) ?? { count: 0, example: { request: showBytes(bytes), answer: showAnswer(answer) } };
          f.count++;
          local.set(signature, f);
        };
        for (const [i, step] of steps.entries()) {
          const answer: RawAnswer = answers[i] ?? { status: 0, headers: {}, body: rest, failure: failure ?? 'closed without an answer' };
          statuses[answer.status || 'none'] = (statuses[answer.status || 'none'] ?? 0) + 1;
          // After an answer that closes the connection, the requests behind it go unanswered, rightly.
          if (!answers[i] && i > 0 && /close/i.test(answers[i - 1]?.headers.connection ?? '')) break;
          const prefix = steps.length > 1 ? `request ${i + 1} of ${steps.length}: ` : '';
          for (const problem of problemsOf({ ...c, request: step.request, expect: step.expect }, answer)) note(prefix + problem, answer);
          if (!answers[i]) break;
        }
      });
      for (const [s, f] of local) failures.set(s, f);
      figures.push(`${k}: ${mine.length} requests, statuses ${JSON.stringify(statuses)}, ${local.size} distinct failures`);
      const alive = await health();
      expect(alive).toEqual([]);
      const report = [...local].map(([s, f]) => `${s} (${f.count}×)\n    request: ${f.example.request.slice(0, 300)}\n    answer:  ${f.example.answer.slice(0, 300)}`);
      expect(report).toEqual([]);
    }, 120000);
  }

  it('still answers /health and /ready, and holds the very graph it held', async () => {
    expect(await health()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 60000);

  it('logged no unexpected error while answering them', () => {
    // A client that goes away before sending its whole body (as some of these do) is no server failure.
    const unexpected = logged.filter((l) => l.msg !== 'request' && !(l.msg === 'request failed' && /aborted|ECONNRESET/.test(String(l.error))));
    const byFirstLine = new Map<string, number>();
    for (const l of unexpected) {
      const key = `${String(l.msg)}: ${String(l.error ?? '').split('\n')[0]}`;
      byFirstLine.set(key, (byFirstLine.get(key) ?? 0) + 1);
    }
    expect([...byFirstLine].map(([k, n]) => `${k} (${n}×)`)).toEqual([]);
  });
}

describe('hostile requests [store: embedded]', () => {
  describeHostile('embedded', async () => ({ store: new SqliteStore(':memory:'), release: () => {} }));
});

describeIfNeo4j('hostile requests [store: neo4j]', () => {
  describeHostile('neo4j', async () => {
    const config = neo4jTestConfig()!;
    const release = await lockNeo4j(config.uri);
    try {
      await emptyNeo4j(config);
      return { store: await Neo4jStore.connect(config), release };
    } catch (error) {
      release();
      throw error;
    }
  });
});

