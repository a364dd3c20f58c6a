import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** The first ```graphql block under each `### Question N` heading of the README, so README and tests cannot drift. */
export function readmeQuestions(): Map<number, string> {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const out = new Map<number, string>();
  for (const m of readme.matchAll(/^### Question (\d)[^\n]*\n[\s\S]*?```graphql\n([\s\S]*?)```/gm)) {
    out.set(Number(m[1]), m[2]!);
  }
  return out;
}
