import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** The built server (dist/main.js, built by test/support/global-setup.js) running in a process of its own. */
export interface ServerProcess {
  child: ChildProcess;
  /** Its stdout, line by line: JSON lines parsed, anything else as `{ text }`. */
  lines: Record<string, any>[];
  /** Its stdout and stderr as they came. */
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

/** Starts the server as users do, with only PATH, PORT=0 and `env` in its environment. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  const out: string[] = [];
  const err: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out.push(chunk.toString());
    buffer += chunk.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, any>);
      } catch {
        lines.push({ text: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, out, err, exited };
}

/** Its 'listening' line, once it is up; throws when it exits first or takes longer than `seconds`. */
export async function listening(server: ServerProcess, seconds = 15): Promise<Record<string, any>> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const line = server.lines.find((l) => l.msg === 'listening');
    if (line) return line;
    if (server.child.exitCode !== null) throw new Error(`server exited ${server.child.exitCode}: ${server.err.join('')}`);
    if (Date.now() > deadline) throw new Error(`server not listening within ${seconds} s: ${server.err.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
