import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../../src/paths';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { freePort } from '../helpers/free-port';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';

/**
 * The built server against a Neo4j with authentication on: a launcher of its own
 * (NEO4J_AUTH=neo4j/<password>) on a free Bolt port (NEO4J_AUTH_BOLT_PORT to choose one), with
 * a state folder of its own.
 */
const run = promisify(execFile);
let port = 0;
let uri = '';
const password = 'auth-test-password';
let stateDir = '';

const launcher = (command: 'start' | 'stop') =>
  run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), command], {
    env: {
      ...process.env,
      NEO4J_BOLT_PORT: String(port),
      NEO4J_STATE_DIR: stateDir,
      NEO4J_DATA_DIR: join(stateDir, 'data'),
      NEO4J_AUTH: `neo4j/${password}`,
      // A third JVM beside CI's Neo4j and the faults test's: the seed needs little.
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '64m',
    },
  });

type Server = ServerProcess;
const serve = (env: Record<string, string>): Server => startServer({ DATA_DIR: join(stateDir, 'app-data'), NEO4J_URI: uri, ...env });

/** Starts the server, waits for its exit, and returns its status, its output and how long it took (printed, never asserted). */
async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string; ms: number }> {
  const started = Date.now();
  // A long start timeout: a retried refusal would outlast the test; the tests also check that no `retrying` line was printed.
  const server = serve({ NEO4J_START_TIMEOUT_MS: '60000', ...env });
  const code = await server.exited;
  return { code, stderr: server.err.join(''), stdout: server.out.join(''), ms: Date.now() - started };
}

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string): string {
  const text = stderr.trim();
  expect(text.split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
  expect(text).not.toMatch(/Neo4jError|StartupError|StoreUnavailableError/);
  return text;
}

async function runAs(pass: string, query: string, database: string): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', pass));
  try {
    await driver.executeQuery(query, {}, { database });
  } finally {
    await driver.close();
  }
}

describeIfNeo4j('Neo4j with authentication [store: neo4j]', () => {
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'neo4j-auth-'));
    port = process.env.NEO4J_AUTH_BOLT_PORT ? Number(process.env.NEO4J_AUTH_BOLT_PORT) : await freePort();
    uri = `bolt://127.0.0.1:${port}`;
    await launcher('start');
  }, 240000);

  afterAll(async () => {
    if (stateDir) {
      await launcher('stop').catch(() => undefined);
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 60000);

  it('refuses a wrong password at once, in one line naming NEO4J_USERNAME and NEO4J_PASSWORD', async () => {
    const wrong = 'not-the-password';
    const result = await refusedStart({ NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: wrong });
    expect(result.code).not.toBe(0);
    const line = expectOneLine(result.stderr);
    expect(line).toContain(uri);
    expect(line).toContain('user "neo4j"');
    expect(line).toContain('NEO4J_USERNAME');
    expect(line).toContain('NEO4J_PASSWORD');
    expect(line).not.toContain(wrong);
    expect(result.stdout).not.toContain('retrying');
    process.stdout.write(`Wrong password: exit ${result.code} in ${result.ms} ms: ${line}\n`);
  }, 30000);

  it('refuses a database that does not exist at once, naming NEO4J_DATABASE', async () => {
    const result = await refusedStart({ NEO4J_PASSWORD: password, NEO4J_DATABASE: 'nosuchdb' });
    expect(result.code).not.toBe(0);
    const line = expectOneLine(result.stderr);
    expect(line).toContain('"nosuchdb"');
    expect(line).toContain('NEO4J_DATABASE');
    expect(result.stdout).not.toContain('retrying');
  }, 30000);

  it('with the right password, sets up, loads the seed and becomes ready', async () => {
    const server = serve({ NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password });
    try {
      const deadline = Date.now() + 90000;
      let url: string | undefined;
      while (!url) {
        const line = server.out.join('').split('\n').find((l) => l.includes('"listening"'));
        if (line) url = JSON.parse(line).url as string;
        else if (server.child.exitCode !== null) throw new Error(`server exited: ${server.err.join('')}`);
        else if (Date.now() > deadline) throw new Error('server not listening within 90 s');
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(JSON.parse(server.out.join('').split('\n').find((l) => l.includes('"listening"'))!)).toMatchObject({ store: 'neo4j' });
      expect((await fetch(`${new URL(url).origin}/ready`)).status).toBe(200);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ node(id: "fidus") { name } }' }),
      });
      expect(((await res.json()) as any).data.node.name).toBe('Fidus');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 120000);

  it('gives up on an unreachable Neo4j after NEO4J_START_TIMEOUT_MS, in one line naming NEO4J_URI', async () => {
    const nowhere = `bolt://127.0.0.1:${await freePort()}`;
    const result = await refusedStart({ NEO4J_URI: nowhere, NEO4J_PASSWORD: password, NEO4J_START_TIMEOUT_MS: '2000' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('retrying');
    const line = expectOneLine(result.stderr);
    expect(line).toContain(`Cannot reach Neo4j at ${nowhere}`);
    expect(line).toContain('NEO4J_URI');
    expect(line).toContain('NEO4J_START_TIMEOUT_MS');
    expect(line).not.toContain(password);
  }, 30000);

  // Last: it leaves user neo4j with a password to change (afterAll throws the DBMS away).
  it('refuses a user whose password must be changed first, saying how', async () => {
    await runAs(password, 'ALTER USER neo4j SET PASSWORD CHANGE REQUIRED', 'system');
    const result = await refusedStart({ NEO4J_PASSWORD: password });
    expect(result.code).not.toBe(0);
    const line = expectOneLine(result.stderr);
    expect(line).toContain('user "neo4j"');
    expect(line).toContain('ALTER CURRENT USER SET PASSWORD');
    expect(line).toContain('NEO4J_PASSWORD');
  }, 30000);
});
