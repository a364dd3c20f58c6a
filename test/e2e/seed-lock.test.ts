import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';
import { listening, startServer, type ServerProcess } from '../helpers/server-process';

/**
 * Replicas starting together on one empty store, as a deployment of several servers
 * does: the built server (test/support/global-setup.js builds it), two processes at
 * once. Both must come up, and the seed must be loaded by exactly one of them.
 */
type Server = ServerProcess;
const serve = startServer;

async function stop(servers: Server[]): Promise<void> {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
}

async function askFidus(url: string): Promise<string | undefined> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ node(id: "fidus") { name } }' }),
  });
  return ((await res.json()) as any).data?.node?.name;
}

/** Two servers at once on one store: both listen, one loaded the seed, both answer from it. */
async function startTwoTogether(env: Record<string, string>, seconds: number): Promise<void> {
  const servers = [serve(env), serve(env)];
  try {
    const ready = await Promise.all(servers.map((s) => listening(s, seconds)));
    expect(ready.map((l) => l.seedLoaded).sort()).toEqual([false, true]);
    expect(ready[0]!.seedVersion).toBe(ready[1]!.seedVersion);
    expect(ready[0]!.entities).toBe(ready[1]!.entities);
    expect(ready[0]!.entities).toBeGreaterThanOrEqual(50);
    for (const line of ready) expect(await askFidus(line.url)).toBe('Fidus');
    process.stdout.write(`Two servers at once on ${ready[0]!.store}: ready in ${ready.map((l) => l.startMs).join(' and ')} ms, one loaded the seed\n`);
  } finally {
    await stop(servers);
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('two servers starting together [store: embedded]', () => {
  it('on one empty DATA_DIR both come up, and exactly one loads the seed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seed-lock-'));
    dirs.push(dataDir);
    await startTwoTogether({ DATA_DIR: dataDir }, 30);
    // Started again together on the loaded store: neither loads it.
    const again = [serve({ DATA_DIR: dataDir }), serve({ DATA_DIR: dataDir })];
    try {
      const ready = await Promise.all(again.map((s) => listening(s, 30)));
      expect(ready.map((l) => l.seedLoaded)).toEqual([false, false]);
    } finally {
      await stop(again);
    }
  }, 90_000);
});

/**
 * On Neo4j, a server of its own (the test launcher on another port), empty: the other
 * Neo4j tests empty and load the shared test database, which this test must not share.
 */
const run = promisify(execFile);
const port = Number(process.env.NEO4J_SEED_LOCK_BOLT_PORT ?? 7698);
const stateDir = mkdtempSync(join(tmpdir(), 'neo4j-seed-lock-'));
dirs.push(stateDir);
const launcher = (command: 'start' | 'stop') =>
  run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), command], {
    env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_STATE_DIR: stateDir },
  });

describeIfNeo4j('two servers starting together [store: neo4j]', () => {
  beforeAll(() => launcher('start'), 180_000);
  afterAll(() => launcher('stop').catch(() => undefined), 60_000);

  it('on one empty Neo4j both come up, and exactly one loads the seed', async () => {
    const env = { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'any', DATA_DIR: stateDir };
    await startTwoTogether(env, 90);
  }, 180_000);
});
