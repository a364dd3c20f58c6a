/**
 * The embedded store's walks run over an in-memory copy of the graph's shape:
 * compressed adjacency (CSR) in typed arrays, built from the relationships table.
 * Entities are numbered in id order, so sorting numbers sorts ids; a relationship
 * is known by its SQLite rowid, and its row is read only when a walk returns it.
 */

/** A relationship type, numbered: masks of followed types are indexed by it. */
type TypeIndex = Map<string, number>;

/** One direction of the adjacency: for node n, edges start[n] .. start[n+1]-1. */
interface Csr {
  start: Int32Array;
  other: Int32Array;
  rel: Int32Array;
  type: Uint8Array;
}

export type Way = 'OUT' | 'IN' | 'BOTH';

export interface AdjacencyRows {
  /** Entity ids in code-point order. */
  ids: string[];
  /** The entities' SQLite rowids, in the same order. */
  rowids: number[];
  /** Relationships as [rowid, type, from, to]. */
  relationships: Iterable<[number, string, string, string]>;
}

function buildCsr(n: number, m: number, src: Int32Array, dst: Int32Array, rel: Int32Array, type: Uint8Array): Csr {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[src[i]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out: Csr = { start, other: new Int32Array(m), rel: new Int32Array(m), type: new Uint8Array(m) };
  for (let i = 0; i < m; i++) {
    const at = fill[src[i]!]!++;
    out.other[at] = dst[i]!;
    out.rel[at] = rel[i]!;
    out.type[at] = type[i]!;
  }
  return out;
}

export class Adjacency {
  private readonly index = new Map<string, number>();
  private readonly types: TypeIndex = new Map();
  private readonly out: Csr;
  private readonly in: Csr;
  /** Scratch marks for walks: a walk stamps the nodes it has seen with its own number. */
  private readonly mark: Uint32Array;
  private stamp = 0;

  constructor(rows: AdjacencyRows) {
    const ids = rows.ids;
    ids.forEach((id, i) => this.index.set(id, i));
    this.ids = ids;
    this.rowids = Int32Array.from(rows.rowids);
    const src: number[] = [];
    const dst: number[] = [];
    const rel: number[] = [];
    const type: number[] = [];
    for (const [rowid, t, from, to] of rows.relationships) {
      const a = this.index.get(from);
      const b = this.index.get(to);
      if (a === undefined || b === undefined) continue;
      let ti = this.types.get(t);
      if (ti === undefined) this.types.set(t, (ti = this.types.size));
      src.push(a);
      dst.push(b);
      rel.push(rowid);
      type.push(ti);
    }
    const [s, d, r, ty] = [Int32Array.from(src), Int32Array.from(dst), Int32Array.from(rel), Uint8Array.from(type)];
    this.out = buildCsr(ids.length, s.length, s, d, r, ty);
    this.in = buildCsr(ids.length, s.length, d, s, r, ty);
    this.mark = new Uint32Array(ids.length);
  }

  readonly ids: readonly string[];
  /** Entity rowids by node number: a walk reads its entities' rows by rowid, with no index lookup. */
  readonly rowids: Int32Array;

  node(id: string): number | undefined {
    return this.index.get(id);
  }

  /** The followed types as a mask over type numbers; null follows every type. */
  mask(types: readonly string[] | null | undefined): Uint8Array | null {
    if (!types) return null;
    const mask = new Uint8Array(Math.max(1, this.types.size));
    for (const t of types) {
      const i = this.types.get(t);
      if (i !== undefined) mask[i] = 1;
    }
    return mask;
  }

  private nextStamp(): number {
    if (++this.stamp === 0xffffffff) {
      this.mark.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private sides(way: Way): Csr[] {
    return way === 'BOTH' ? [this.out, this.in] : way === 'OUT' ? [this.out] : [this.in];
  }

  /** Calls `visit(other, rel)` for each relationship of `node` that `way` and `mask` follow. */
  private forEach(node: number, way: Way, mask: Uint8Array | null, visit: (other: number, rel: number) => void): void {
    for (const csr of this.sides(way)) {
      for (let e = csr.start[node]!, end = csr.start[node + 1]!; e < end; e++) {
        if (mask === null || mask[csr.type[e]!] === 1) visit(csr.other[e]!, csr.rel[e]!);
      }
    }
  }

  /**
   * Level by level from `start`, never more than `limit` nodes. Nodes of a level
   * are taken in id order, so a cut is the same on every run.
   */
  breadthFirst(start: number, depth: number, limit: number, way: Way, mask: Uint8Array | null): { visited: number[]; truncated: boolean } {
    const seen = this.nextStamp();
    const mark = this.mark;
    mark[start] = seen;
    const visited = [start];
    const sides = this.sides(way);
    let frontier = [start];
    for (let level = 1; level <= depth && frontier.length; level++) {
      const next: number[] = [];
      // The hot loop of every walk: plain loops over the typed arrays, no callback.
      for (const { start: first, other, type } of sides) {
        for (const node of frontier) {
          for (let e = first[node]!, end = first[node + 1]!; e < end; e++) {
            const o = other[e]!;
            if (mark[o] !== seen && (mask === null || mask[type[e]!] === 1)) {
              mark[o] = seen;
              next.push(o);
            }
          }
        }
      }
      // A typed array sorts numbers several times faster than an array with a comparator.
      const level = Int32Array.from(next).sort();
      const room = limit - visited.length;
      if (level.length > room) {
        for (let i = 0; i < room; i++) visited.push(level[i]!);
        return { visited, truncated: true };
      }
      for (const n of level) visited.push(n);
      frontier = Array.from(level);
    }
    return { visited, truncated: false };
  }

  /** Rowids of the relationships of the followed types whose two ends are both in `nodes`. */
  relationshipsAmong(nodes: readonly number[], mask: Uint8Array | null): number[] {
    const inSet = this.nextStamp();
    for (const n of nodes) this.mark[n] = inSet;
    const rels: number[] = [];
    for (const n of nodes) {
      this.forEach(n, 'OUT', mask, (other, rel) => {
        if (this.mark[other] === inSet) rels.push(rel);
      });
    }
    return rels;
  }

  /**
   * A shortest path from `from` to `to`, either direction, at most `maxDepth` hops.
   * Among equally short paths, the one whose relationship ids, read from `to` back to
   * `from`, sort first (code-point order): the one a breadth-first search from `from`
   * finds when each node keeps the smallest relationship that reaches it.
   *
   * The search runs from both ends, always growing the smaller frontier, until they
   * meet; the path is then read back from `to`, choosing at each node the smallest
   * relationship towards a node one hop closer to `from`. `relationshipIds` names
   * rowids, for that choice only.
   */
  shortestPath(
    from: number,
    to: number,
    maxDepth: number,
    mask: Uint8Array | null,
    relationshipIds: (rowids: number[]) => Map<number, string>,
  ): { nodes: number[]; relationships: number[] } | null {
    if (from === to) return { nodes: [from], relationships: [] };
    // Distances: from `from` for forward-reached nodes, to `to` for backward-reached ones.
    const forward = new Map<number, number>([[from, 0]]);
    const backward = new Map<number, number>([[to, 0]]);
    let fFrontier = [from];
    let bFrontier = [to];
    let a = 0;
    let b = 0;
    let meeting: number[] = [];
    while (a + b < maxDepth && fFrontier.length && bFrontier.length) {
      const growForward = fFrontier.length <= bFrontier.length;
      const [frontier, dist, other] = growForward ? [fFrontier, forward, backward] : [bFrontier, backward, forward];
      const depth = (growForward ? ++a : ++b);
      const next: number[] = [];
      for (const node of frontier) {
        this.forEach(node, 'BOTH', mask, (o) => {
          if (!dist.has(o)) {
            dist.set(o, depth);
            next.push(o);
          }
        });
      }
      if (growForward) fFrontier = next;
      else bFrontier = next;
      // The first level to touch the other side's nodes sets the length: those it
      // touches at the other side's outermost level are the meeting points.
      const outermost = growForward ? b : a;
      meeting = next.filter((n) => other.get(n) === outermost);
      if (meeting.length) break;
    }
    if (!meeting.length) return null;
    const length = a + b;
    // layers[k]: the nodes at k hops from `from` on some shortest path (only where needed).
    // Up to `a`, the forward distances say it; beyond, walk on from the meeting points
    // through nodes at the right backward distance.
    const onPath: Set<number>[] = [];
    onPath[a] = new Set(meeting);
    for (let k = a; k < length - 1; k++) {
      const next = new Set<number>();
      for (const node of onPath[k]!) {
        this.forEach(node, 'BOTH', mask, (o) => {
          if (backward.get(o) === length - k - 1) next.add(o);
        });
      }
      onPath[k + 1] = next;
    }
    const atHop = (node: number, k: number) => (k <= a ? forward.get(node) === k : onPath[k]!.has(node));
    const nodes = [to];
    const relationships: number[] = [];
    for (let k = length - 1, v = to; k >= 0; k--) {
      const candidates: [number, number][] = [];
      this.forEach(v, 'BOTH', mask, (o, rel) => {
        if (atHop(o, k)) candidates.push([o, rel]);
      });
      let best = candidates[0]!;
      if (candidates.length > 1) {
        const names = relationshipIds(candidates.map(([, rel]) => rel));
        for (const c of candidates) if (names.get(c[1])! < names.get(best[1])!) best = c;
      }
      v = best[0];
      nodes.unshift(v);
      relationships.unshift(best[1]);
    }
    return { nodes, relationships };
  }
}
