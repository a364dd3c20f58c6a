/**
 * Top functions of a V8 .cpuprofile by self time and by total time (the function's own
 * samples plus its callees', each sample counted once per function).
 *
 *   npx tsx test/bench/http/profile-top.ts <file.cpuprofile> [n]
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as { nodes: Node[]; samples: number[] };
const n = Number(process.argv[3] ?? 30);
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const key = (x: Node) => {
  const url = x.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '');
  return `${x.callFrame.functionName || '(anonymous)'} ${url}:${x.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
const counts = new Map<number, number>();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
let all = 0;
for (const [id, c] of counts) {
  all += c;
  const k = key(byId.get(id)!);
  self.set(k, (self.get(k) ?? 0) + c);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const kk = key(byId.get(cur)!);
    if (seen.has(kk)) continue;
    seen.add(kk);
    total.set(kk, (total.get(kk) ?? 0) + c);
  }
}
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${all} samples)\n`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) process.stdout.write(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}\n`);
};
show('self', self);
show('total', total);
// Package-level self time: where the samples' own code lives.
const pkg = new Map<string, number>();
for (const [id, c] of counts) {
  const url = byId.get(id)!.callFrame.url;
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  const p = m ? m[1]! : url.startsWith('node:') ? url.split('/')[0]! : url ? (url.includes('/dist/') ? 'dist (ours)' : url) : byId.get(id)!.callFrame.functionName;
  pkg.set(p, (pkg.get(p) ?? 0) + c);
}
show('self by package', pkg);
