import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The suites that empty and load the test database (the store tests, the reliability suites)
 * must not use one Neo4j at the same time (jest runs files in parallel workers). A lock directory per URI,
 * taken over when the process that holds it is gone.
 */
export async function lockNeo4j(uri: string, waitMs = 600000): Promise<() => void> {
  const dir = join(tmpdir(), `test-neo4j-${createHash('sha256').update(uri).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = 0;
      try {
        holder = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // being written: wait
      }
      if (holder && !alive(holder)) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Neo4j ${uri} stayed locked by process ${holder} (${dir})`, { cause: error });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
