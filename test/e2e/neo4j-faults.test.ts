import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { freePort } from '../helpers/free-port';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';

/**
 * Faults against a real Neo4j: a server of its own (the test launcher on a free port, or
 * NEO4J_FAULT_BOLT_PORT), stopped while the GraphQL server runs, then started again on the
 * same port. How fast failures are told and recovery comes is printed, not asserted.
 */
const run = promisify(execFile);
let port = 0;
const stateDir = mkdtempSync(join(tmpdir(), 'neo4j-faults-'));
const launcher = (command: 'start' | 'stop') =>
  run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), command], {
    env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_STATE_DIR: stateDir },
  });

type Server = ServerProcess;
const serve = (env: Record<string, string>): Server => startServer({ DATA_DIR: stateDir, ...env });

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>, pauseMs = 250): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

describeIfNeo4j('Neo4j faults [store: neo4j]', () => {
  beforeAll(async () => {
    port = process.env.NEO4J_FAULT_BOLT_PORT ? Number(process.env.NEO4J_FAULT_BOLT_PORT) : await freePort();
  });
  afterAll(async () => {
    await launcher('stop').catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
  }, 60000);

  it('gives up on an unreachable Neo4j at start, after retrying, naming the URI', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const server = serve({ NEO4J_URI: uri, NEO4J_START_TIMEOUT_MS: '3000' });
    expect(await server.exited).toBe(1);
    expect(server.err.join('')).toContain(`Cannot reach Neo4j at ${uri}`);
    expect(server.out.join('')).toContain('neo4j not reachable yet, retrying');
  }, 30000);

  it('answers DATABASE_UNAVAILABLE while Neo4j is down, and recovers by itself on its return', async () => {
    await launcher('start');
    const server = serve({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'any' });
    try {
      const url = await until('server listening', 90, async () => {
        const line = server.out.join('').split('\n').find((l) => l.includes('"listening"'));
        return line ? (JSON.parse(line).url as string) : undefined;
      });
      const base = new URL(url).origin;
      const ask = async () => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ node(id: "fidus") { name } }' }),
        });
        return (await res.json()) as any;
      };
      expect((await ask()).data.node.name).toBe('Fidus');
      expect((await fetch(`${base}/ready`)).status).toBe(200);

      await launcher('stop');
      // Every kind of call fails fast, with the stable code and nothing of the driver's message.
      const queries = [
        '{ node(id: "fidus") { name } }',
        '{ search(text: "fidus") { entity { id } } }',
        '{ neighbourhood(id: "fidus", depth: 2) { nodes { id } } }',
        '{ dependencies(id: "fidus", direction: DOWNSTREAM) { nodes { id } } }',
      ];
      const failures: number[] = [];
      for (const query of queries) {
        const started = Date.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        const down = (await res.json()) as any;
        failures.push(Date.now() - started);
        expect(down.errors[0]).toMatchObject({
          message: 'The database is unavailable at the moment; try again shortly.',
          extensions: { code: 'DATABASE_UNAVAILABLE' },
        });
        expect(JSON.stringify(down)).not.toMatch(/\s at |ServiceUnavailable|ECONNREFUSED|bolt:/);
      }
      const readyStarted = Date.now();
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      const readyMs = Date.now() - readyStarted;
      process.stdout.write(`Neo4j down: queries failed in ${failures.join(', ')} ms with DATABASE_UNAVAILABLE, /ready 503 in ${readyMs} ms\n`);
      expect(server.out.join('')).toContain('"msg":"store unavailable"');

      await launcher('start');
      const back = Date.now();
      const answer = await until('recovery', 30, async () => {
        const a = await ask();
        return a.data?.node ? a : undefined;
      }, 100);
      const recoveredMs = Date.now() - back;
      expect(answer.data.node.name).toBe('Fidus');
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      process.stdout.write(`Neo4j back: answering again ${recoveredMs} ms after it was ready\n`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300000);
});
