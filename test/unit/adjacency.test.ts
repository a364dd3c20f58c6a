import { Adjacency, runToEnd } from '../../src/store/embedded/adjacency';
import { compareIds } from '../../src/domain/order';

/** A small deterministic generator, so that a failure names a graph that can be built again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Rel { rowid: number; id: string; type: string; from: string; to: string }

/** Sparse graphs with parallel relationships and many equally short paths. */
function tangled(seed: number): { ids: string[]; rels: Rel[] } {
  const rnd = random(seed);
  const n = 20 + Math.floor(rnd() * 40);
  const ids = Array.from({ length: n }, (_, i) => `n${(i * 7919) % 1000}`).sort();
  const rels: Rel[] = [];
  const m = Math.floor(n * (1 + rnd() * 1.5));
  for (let i = 0; i < m; i++) {
    const from = ids[Math.floor(rnd() * n)]!;
    const to = ids[Math.floor(rnd() * n)]!;
    if (from === to) continue;
    const type = ['A', 'B', 'C'][Math.floor(rnd() * 3)]!;
    rels.push({ rowid: rels.length + 1, id: `${from}.${type.toLowerCase()}-${i % 3 === 0 ? 'x' : 'y'}.${to}`, type, from, to });
  }
  return { ids, rels };
}

/** The reference: one breadth-first search from `from`, each node keeping the smallest relationship that reaches it. */
function reference(g: { ids: string[]; rels: Rel[] }, from: string, to: string, maxDepth: number, types: string[] | null): string[] | null {
  if (from === to) return [];
  const parent = new Map<string, Rel | null>([[from, null]]);
  let frontier = [from];
  for (let level = 1; level <= maxDepth && frontier.length; level++) {
    const inFrontier = new Set(frontier);
    const steps = g.rels
      .filter((r) => !types || types.includes(r.type))
      .flatMap((r) => [
        ...(inFrontier.has(r.from) ? [{ rel: r, from: r.from, to: r.to }] : []),
        ...(inFrontier.has(r.to) ? [{ rel: r, from: r.to, to: r.from }] : []),
      ])
      .sort((a, b) => compareIds(a.rel.id, b.rel.id));
    const next: string[] = [];
    const via = new Map<string, string>();
    for (const s of steps) {
      if (parent.has(s.to)) continue;
      parent.set(s.to, s.rel);
      via.set(s.to, s.from);
      next.push(s.to);
    }
    if (parent.has(to)) {
      const path: string[] = [];
      for (let at = to; at !== from; ) {
        const rel = parent.get(at)!;
        path.unshift(rel.id);
        at = rel.from === at ? rel.to : rel.from;
      }
      return path;
    }
    frontier = next;
  }
  return null;
}

describe('the embedded store\'s shortest path search from both ends', () => {
  it('finds the path a breadth-first search from the start finds, ties included, on 200 random graphs', () => {
    let compared = 0;
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const g = tangled(seed);
      const byRowid = new Map(g.rels.map((r) => [r.rowid, r.id]));
      const shape = new Adjacency({ ids: g.ids, rowids: g.ids.map((_, i) => i + 1), relationships: g.rels.map((r) => [r.rowid, r.type, r.from, r.to] as [number, string, string, string]) });
      const rnd = random(seed * 31);
      for (let q = 0; q < 15; q++) {
        const from = g.ids[Math.floor(rnd() * g.ids.length)]!;
        const to = g.ids[Math.floor(rnd() * g.ids.length)]!;
        const maxDepth = 1 + Math.floor(rnd() * 6);
        const types = rnd() < 0.3 ? ['A', 'B'] : null;
        const expected = reference(g, from, to, maxDepth, types);
        const got = runToEnd(shape.shortestPath(shape.node(from)!, shape.node(to)!, maxDepth, shape.mask(types), (rowids) => new Map(rowids.map((r) => [r, byRowid.get(r)!]))));
        const ids = got && got.relationships.map((r) => byRowid.get(r)!);
        if (JSON.stringify(ids) !== JSON.stringify(expected)) expect({ seed, from, to, maxDepth, types, path: ids }).toEqual({ seed, from, to, maxDepth, types, path: expected });
        if (got) expect(got.nodes[0]).toBe(shape.node(from));
        compared++;
        if (expected?.length) found++;
      }
    }
    expect(compared).toBe(3000);
    // The graphs must actually hold paths, or the comparison proves little.
    expect(found).toBeGreaterThan(1000);
  });
});

/** The reference for every shortest path: all paths of the shortest length, found by brute force, sorted by their ids read from `from`. */
function allShortest(g: { ids: string[]; rels: Rel[] }, from: string, to: string, maxDepth: number, types: string[] | null): string[][] {
  if (from === to) return [[]];
  const rels = g.rels.filter((r) => !types || types.includes(r.type));
  for (let length = 1; length <= maxDepth; length++) {
    const paths: string[][] = [];
    const extend = (at: string, ids: string[]): void => {
      if (ids.length === length) {
        if (at === to) paths.push(ids);
        return;
      }
      for (const r of rels) {
        if (r.from === at) extend(r.to, [...ids, r.id]);
        if (r.to === at) extend(r.from, [...ids, r.id]);
      }
    };
    extend(from, []);
    if (paths.length) return paths.sort((a, b) => compareIds(a.join(' '), b.join(' ')));
  }
  return [];
}

describe('the embedded store\'s search for every shortest path', () => {
  it('finds every shortest path brute force finds, in order, cut at `first`, on 200 random graphs', () => {
    let several = 0;
    for (let seed = 1; seed <= 200; seed++) {
      // Ids unique, as a store holds them: the order of paths is by id.
      const tangle = tangled(seed);
      const g = { ids: tangle.ids, rels: tangle.rels.filter((r, i) => tangle.rels.findIndex((o) => o.id === r.id) === i) };
      const byRowid = new Map(g.rels.map((r) => [r.rowid, r.id]));
      const shape = new Adjacency({ ids: g.ids, rowids: g.ids.map((_, i) => i + 1), relationships: g.rels.map((r) => [r.rowid, r.type, r.from, r.to] as [number, string, string, string]) });
      const rnd = random(seed * 17);
      for (let q = 0; q < 5; q++) {
        const from = g.ids[Math.floor(rnd() * g.ids.length)]!;
        const to = g.ids[Math.floor(rnd() * g.ids.length)]!;
        const maxDepth = 1 + Math.floor(rnd() * 4);
        const first = 1 + Math.floor(rnd() * 8);
        const types = rnd() < 0.3 ? ['A', 'B'] : null;
        const expected = allShortest(g, from, to, maxDepth, types).slice(0, first);
        const got = runToEnd(shape.shortestPaths(shape.node(from)!, shape.node(to)!, maxDepth, first, shape.mask(types), (rowids) => new Map(rowids.map((r) => [r, byRowid.get(r)!]))));
        const ids = got.map((p) => p.relationships.map((r) => byRowid.get(r)!));
        if (JSON.stringify(ids) !== JSON.stringify(expected)) expect({ seed, from, to, maxDepth, first, types, paths: ids }).toEqual({ seed, from, to, maxDepth, first, types, paths: expected });
        for (const p of got) expect([p.nodes[0], p.nodes.at(-1)]).toEqual([shape.node(from), shape.node(to)]);
        if (expected.length > 1) several++;
      }
    }
    expect(several).toBeGreaterThan(100);
  });
});
