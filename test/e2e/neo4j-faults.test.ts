import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';

/**
 * Faults against a real Neo4j: a server of its own (the test launcher on another
 * port), stopped while the GraphQL server runs, then started again.
 */
const run = promisify(execFile);
const port = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? 7697);
const stateDir = mkdtempSync(join(tmpdir(), 'neo4j-faults-'));
const launcher = (command: 'start' | 'stop') =>
  run('bash', [join(PROJECT_ROOT, 'scripts/neo4j-server.sh'), command], {
    env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_STATE_DIR: stateDir },
  });

interface Server { child: ChildProcess; out: string[]; err: string[]; exited: Promise<number | null> }
function serve(env: Record<string, string>): Server {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: stateDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on('data', (c: Buffer) => out.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => err.push(c.toString()));
  return { child, out, err, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeIfNeo4j('Neo4j faults [store: neo4j]', () => {
  afterAll(async () => {
    await launcher('stop').catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
  }, 60000);

  it('gives up on an unreachable Neo4j at start, after retrying, naming the URI', async () => {
    const uri = `bolt://127.0.0.1:${port + 1}`;
    const started = Date.now();
    const server = serve({ NEO4J_URI: uri, NEO4J_START_TIMEOUT_MS: '3000' });
    expect(await server.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(20000);
    expect(server.err.join('')).toContain(`Cannot reach Neo4j at ${uri}`);
    expect(server.out.join('')).toContain('neo4j not reachable yet, retrying');
  }, 30000);

  it('answers DATABASE_UNAVAILABLE within seconds while Neo4j is down, and recovers by itself', async () => {
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
      const started = Date.now();
      const down = await ask();
      const elapsed = Date.now() - started;
      expect(down.errors[0]).toMatchObject({
        message: 'The database is unavailable at the moment; try again shortly.',
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      });
      expect(JSON.stringify(down)).not.toMatch(/\s at |ServiceUnavailable|ECONNREFUSED|bolt:/);
      expect(elapsed).toBeLessThan(10000);
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      process.stdout.write(`Neo4j down: query failed in ${elapsed} ms with DATABASE_UNAVAILABLE\n`);
      expect(server.out.join('')).toContain('"msg":"store unavailable"');

      await launcher('start');
      const back = await until('recovery', 60, async () => {
        const answer = await ask();
        return answer.data?.node ? answer : undefined;
      });
      expect(back.data.node.name).toBe('Fidus');
      expect((await fetch(`${base}/ready`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300000);
});
