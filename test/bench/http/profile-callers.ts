/**
 * Who calls a function in a V8 .cpuprofile: the stacks (up to `depth` frames) that lead to
 * samples in functions whose name matches a pattern, by samples.
 *
 *   npx tsx test/bench/http/profile-callers.ts <file.cpuprofile> <name regexp> [depth]
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as { nodes: Node[]; samples: number[] };
const pattern = new RegExp(process.argv[3] ?? '.');
const depth = Number(process.argv[4] ?? 8);
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const name = (x: Node) => `${x.callFrame.functionName || '(anon)'}@${x.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${x.callFrame.lineNumber + 1}`;
const stacks = new Map<string, number>();
for (const s of profile.samples) {
  // the innermost frame matching the pattern, then its callers
  let cur: number | undefined = s;
  while (cur !== undefined && !pattern.test(byId.get(cur)!.callFrame.functionName)) cur = parent.get(cur);
  if (cur === undefined) continue;
  const frames: string[] = [];
  for (let i = 0; i < depth && cur !== undefined; i++, cur = parent.get(cur)) frames.push(name(byId.get(cur)!));
  const k = frames.join('\n    <- ');
  stacks.set(k, (stacks.get(k) ?? 0) + 1);
}
for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6)) process.stdout.write(`${v} samples\n  ${k}\n\n`);
