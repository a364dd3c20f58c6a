import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { describeIfNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';
import { childArgs, killGraph } from './kill-graphs';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { wholeGraph } from './whole-graph';

/**
 * A seed load killed with SIGKILL at many moments (test/reliability/load-child.ts in a
 * process of its own), then the store opened again: it holds the graph it held before the
 * load or the new one, whole, never a mix, never a broken file.
 *
 * The moments come from two loads run to completion first: half of them are the load's own
 * steps (as it prints LOADING and each PROGRESS line, so inserts, index builds and the commit
 * are all hit whatever the machine's speed), half are times spread over the load's duration
 * and a little past it. Each is printed with the load's last line before the kill.
 */
const CHILD = join(__dirname, 'load-child.ts');

/** Kill `delayMs` after the load printed its `afterLine`-th line from LOADING on (1 = LOADING itself). */
interface Moment {
  afterLine: number;
  delayMs: number;
}

interface Run {
  moment?: Moment;
  /** LOADING and PROGRESS lines, in order. */
  lines: string[];
  /** The last line the load printed before the kill. */
  lastLine: string;
  /** The load finished before the kill came. */
  completed: boolean;
  /** LOADING to COMMITTED, as the parent saw it, when it completed. */
  loadMs?: number;
  stderr: string;
}

/** Starts the load and kills it with SIGKILL at `moment` (unless undefined). */
function loadAndKill(args: string[], moment: Moment | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let lastLine = '';
    const lines: string[] = [];
    let loadingAt = 0;
    let loadMs: number | undefined;
    let completed = false;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lastLine = line;
        if (line === 'LOADING') loadingAt = performance.now();
        if (line === 'LOADING' || line.startsWith('PROGRESS')) {
          lines.push(line);
          if (moment && lines.length === moment.afterLine) {
            if (moment.delayMs === 0) child.kill('SIGKILL');
            else setTimeout(() => child.kill('SIGKILL'), moment.delayMs);
          }
        }
        if (line.startsWith('COMMITTED')) {
          completed = true;
          loadMs = performance.now() - loadingAt;
        }
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`load exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ moment, lines, lastLine, completed, loadMs, stderr });
    });
  });
}

/**
 * `n` moments from two complete loads: ceil(n/2) of the load's steps, evenly spread over the
 * lines it prints, and floor(n/2) times from LOADING, spread up to twice the longer load (loads vary with what else runs on the machine).
 */
async function moments(n: number, args: string[], before: () => Promise<void>, check: () => Promise<void>): Promise<Moment[]> {
  const runs: Run[] = [];
  for (let i = 0; i < 2; i++) {
    await before();
    const run = await loadAndKill(args, undefined);
    expect(run.completed).toBe(true);
    await check();
    runs.push(run);
  }
  const lines = Math.min(...runs.map((r) => r.lines.length));
  const longest = Math.max(...runs.map((r) => r.loadMs!));
  const steps = Math.ceil(n / 2);
  const times = n - steps;
  return [
    ...Array.from({ length: steps }, (_, i) => ({ afterLine: 1 + Math.round((i / (steps - 1)) * (lines - 1)), delayMs: 0 })),
    ...Array.from({ length: times }, (_, i) => ({ afterLine: 1, delayMs: Math.round(((i + 1) / times) * longest * 2) })),
  ];
}

const describeMoment = (m: Moment, lines: string[]) =>
  m.delayMs === 0 ? `as it printed line ${m.afterLine} (${lines[m.afterLine - 1] ?? '?'})` : `${m.delayMs} ms after LOADING`;

function report(kind: string, runs: (Run & { holds: string | null })[], graphs: Record<string, string>): void {
  const lines = runs.map(
    (r) => `  kill ${describeMoment(r.moment!, r.lines).padEnd(46)} last line ${JSON.stringify(r.lastLine).padEnd(26)} -> ${graphs[r.holds ?? ''] ?? r.holds}${r.completed ? ' (load had completed)' : ''}`,
  );
  const tally = Object.entries(graphs).map(([v, name]) => `${runs.filter((r) => r.holds === v).length} ${name}`).join(', ');
  process.stdout.write(`Kill during load [store: ${kind}]: ${runs.length} kills, ${tally}\n${lines.join('\n')}\n`);
}

describe('a seed load killed with SIGKILL [store: embedded]', () => {
  // The old graph: 10,000 entities, 60,000 relationships; the new one: 10,000 and 100,000 (about a second to replace).
  const OLD = killGraph('medium', 7, { relationships: 60000 });
  const NEW = killGraph('medium', 42);
  const work = mkdtempSync(join(tmpdir(), 'kill-load-'));
  const template = join(work, 'template.sqlite');
  const file = join(work, 'graph.sqlite');
  const args = ['embedded', file, ...childArgs('medium', 42)];
  const fresh = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    copyFileSync(template, file);
  };

  beforeAll(async () => {
    const store = new SqliteStore(template);
    await store.replaceGraph(OLD);
    await store.close();
  }, 120000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function reopen(): Promise<{ holds: string | null; problems: string[] }> {
    const store = new SqliteStore(file);
    try {
      const state = await wholeGraph(store, [OLD, NEW]);
      // The store answers a walk and a search over what it holds.
      const [first] = (await store.listEntities({ first: 1 })).entities;
      if (first) {
        await store.neighbourhood(first.id, 2, { limit: 100 });
        if ((await store.search(first.label, 5)).length === 0) state.problems.push(`search finds no "${first.label}"`);
      }
      return state;
    } finally {
      await store.close();
    }
  }

  it('holds the old graph or the new one, whole, after a kill at any of 20 moments of the load', async () => {
    const plan = await moments(20, args, async () => fresh(), async () => expect(await reopen()).toEqual({ holds: NEW.version, problems: [] }));

    const runs: (Run & { holds: string | null })[] = [];
    const problems: string[] = [];
    for (const moment of plan) {
      fresh();
      const run = await loadAndKill(args, moment);
      const state = await reopen();
      const db = new Database(file, { readonly: true });
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();
      if (integrity !== 'ok') state.problems.push(`integrity_check: ${String(integrity)}`);
      runs.push({ ...run, holds: state.holds });
      for (const p of state.problems) problems.push(`kill ${describeMoment(moment, run.lines)} (last line ${run.lastLine}): ${p}`);
    }
    report('embedded', runs, { [OLD.version]: 'old graph', [NEW.version]: 'new graph' });
    expect(problems).toEqual([]);
    // A kill as the load starts leaves the old graph; the loads that completed, the new one.
    expect(runs[0]!.holds).toBe(OLD.version);
    for (const r of runs.filter((r) => r.completed)) expect(r.holds).toBe(NEW.version);
  }, 300000);
});

describeIfNeo4j('a seed load through the driver, its client killed with SIGKILL [store: neo4j]', () => {
  // The old graph: 900 entities, 1,000 relationships; the new one: 2,500 and 5,000 (about a second to replace).
  const OLD = killGraph('small', 7, { relationships: 1000 });
  const NEW = killGraph('medium', 42, { entities: 2500, relationships: 5000 });
  const config = neo4jTestConfig()!;
  const args = ['neo4j', '-', ...childArgs('medium', 42, { entities: 2500, relationships: 5000 })];
  let store: Neo4jStore;
  let release = () => {};
  let driver: Driver;

  beforeAll(async () => {
    release = await lockNeo4j(config.uri);
    driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
    store = await Neo4jStore.connect({ ...config, queryTimeoutMs: 600000 });
  }, 660000);
  afterAll(async () => {
    await store?.close();
    await driver?.close();
    release();
  });

  /** Waits until no transaction but this inspection runs: the killed client's is rolled back or committed. */
  async function settled(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN count(*) AS n', {}, { database: config.database });
      if (Number(records[0]!.get('n')) <= 1) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the killed load’s transaction still runs after 30 s');
  }

  async function state(): Promise<{ holds: string | null; problems: string[] }> {
    await settled();
    const s = await wholeGraph(store, [OLD, NEW]);
    const { records } = await driver.executeQuery(
      'CALL () { MATCH (m:GraphMeta) RETURN count(m) AS metas } CALL () { MATCH (a)-[r]->(b) WHERE NOT a:Entity OR NOT b:Entity RETURN count(r) AS strays } RETURN metas, strays',
      {},
      { database: config.database },
    );
    const metas = Number(records[0]!.get('metas'));
    const strays = Number(records[0]!.get('strays'));
    if (metas !== 1) s.problems.push(`${metas} GraphMeta nodes`);
    if (strays) s.problems.push(`${strays} relationships to a node that is no entity`);
    return s;
  }

  async function holdOld(): Promise<void> {
    if ((await store.graphVersion()) !== OLD.version) await store.replaceGraph(OLD);
  }

  it('holds the old graph or the new one, whole, after the client is killed at any of 15 moments of the load', async () => {
    const plan = await moments(15, args, holdOld, async () => expect(await state()).toEqual({ holds: NEW.version, problems: [] }));

    const runs: (Run & { holds: string | null })[] = [];
    const problems: string[] = [];
    for (const moment of plan) {
      await holdOld();
      const run = await loadAndKill(args, moment);
      const s = await state();
      runs.push({ ...run, holds: s.holds });
      for (const p of s.problems) problems.push(`kill ${describeMoment(moment, run.lines)} (last line ${run.lastLine}): ${p}`);
    }
    report('neo4j', runs, { [OLD.version]: 'old graph', [NEW.version]: 'new graph' });
    expect(problems).toEqual([]);
    expect(runs[0]!.holds).toBe(OLD.version);
    for (const r of runs.filter((r) => r.completed)) expect(r.holds).toBe(NEW.version);
  }, 600000);
});

