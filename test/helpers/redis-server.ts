import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

/**
 * A real Redis for the tests: a `redis-server` process of its own (the Debian package
 * redis-server; .ci/run installs it) on 127.0.0.1 and a free port, keeping nothing on disk.
 * Without the program the Redis tests are skipped with a warning, and fail under CI.
 */

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const isCI = (): boolean => {
  const value = (process.env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
};

export const redisServerInstalled = (): boolean => !spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error;

const MISSING = 'redis-server is not installed (Debian package redis-server: apt-get install -y redis-server; .ci/run installs it)';
let warned = false;

/** describe() when redis-server is installed; otherwise a failing test under CI, a skip with a warning elsewhere. */
export function describeIfRedis(name: string, fn: () => void): void {
  if (redisServerInstalled()) {
    describe(name, fn);
  } else if (isCI()) {
    describe(name, () => {
      test('redis-server is installed', () => {
        throw new Error(`${MISSING}: under CI the Redis tests must run.`);
      });
    });
  } else {
    if (!warned) {
      warned = true;
      console.warn(`Redis tests SKIPPED: ${MISSING}; under CI=true they fail instead.`);
    }
    describe.skip(name, fn);
  }
}

export { freePort };

/** True when a PING on the port gets +PONG back. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Starts redis-server (on `port`, to restart one, or a free one) and resolves once it answers PING (within 10 s); `stop` ends it. */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its log (stdout) and errors, for the message when it does not start.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  const deadline = Date.now() + 10_000;
  while (!(await pong(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer within 10 s (exit code ${child.exitCode}): ${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
