import type { RelationshipFilter } from '../../domain/model';
import { compareIds } from '../../domain/order';
import { DEFAULT_MODALITY, MODALITIES } from '../../domain/vocabulary';

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
  /** Index in MODALITIES. */
  modality: Uint8Array;
  /** First and last day the relationship holds, as day numbers (see dayNumber). */
  from: Int32Array;
  to: Int32Array;
}

/**
 * Which relationships a walk follows: a mask over type numbers, one over modality
 * numbers, and the days (day numbers) at some of which the relationship must hold.
 * Null for a part that keeps every relationship.
 */
export interface EdgeMask {
  types: Uint8Array | null;
  modalities: Uint8Array | null;
  validAt: [number, number] | null;
}

/** Days since 1970-01-01 of an ISO date (years below 100 too, which Date.UTC would read as 19xx); it fits in an Int32. */
export function dayNumber(iso: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.floor(d.getTime() / 86_400_000);
}
const OPEN_FROM = -(1 << 30);
const OPEN_TO = 1 << 30;

function follows(csr: Csr, e: number, m: EdgeMask): boolean {
  return (
    (m.types === null || m.types[csr.type[e]!] === 1) &&
    (m.modalities === null || m.modalities[csr.modality[e]!] === 1) &&
    (m.validAt === null || (csr.from[e]! <= m.validAt[1] && csr.to[e]! >= m.validAt[0]))
  );
}

export type Way = 'OUT' | 'IN' | 'BOTH';

/** What a walk reached: nodes in order, the hops to each (parallel), and whether the limit cut it. */
export interface Walk {
  visited: number[];
  distances: Uint8Array;
  truncated: boolean;
}

/** See Adjacency.relationshipsAmong. */
export interface Among {
  rels: number[];
  via: Int32Array;
  others: number[];
}

/** A walk's distances from where each of its levels ends in its list of nodes. */
function distancesOf(levelEnds: readonly number[]): Uint8Array {
  const distances = new Uint8Array(levelEnds[levelEnds.length - 1]!);
  for (let d = 1; d < levelEnds.length; d++) distances.fill(d, levelEnds[d - 1]!, levelEnds[d]!);
  return distances;
}

/** A path as node numbers and relationship rowids: `relationships[i]` joins `nodes[i]` and `nodes[i + 1]`. */
export interface NodePath {
  nodes: number[];
  relationships: number[];
}

/**
 * Edges a walk scans between two pauses. A walk is a generator: it yields after each
 * chunk of work, so that its caller can let other requests run and stop it when the
 * request's deadline has passed (see SqliteStore).
 */
export const WALK_CHUNK = 1 << 15;

/** Scratch marks for one walk at a time: a walk stamps the nodes it has seen with its own number. */
interface Marks {
  mark: Uint32Array;
  stamp: number;
  /** Where each marked node stands in a list of nodes (relationshipsAmong); made when first needed. */
  slot?: Int32Array;
}

export interface AdjacencyRows {
  /** Entity ids in code-point order. */
  ids: string[];
  /** The entities' SQLite rowids, in the same order. */
  rowids: number[];
  /**
   * Relationships as [rowid, type, from, to, modality, first day, last day]: the
   * modality (FACT when absent or null) and the ISO days it holds (always when absent).
   */
  relationships: Iterable<AdjacencyRelationship>;
}

export type AdjacencyRelationship =
  | [number, string, string, string]
  | [number, string, string, string, string | null, string | null, string | null];

interface EdgeColumns {
  rel: Int32Array;
  type: Uint8Array;
  modality: Uint8Array;
  from: Int32Array;
  to: Int32Array;
}

function buildCsr(n: number, m: number, src: Int32Array, dst: Int32Array, c: EdgeColumns): Csr {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[src[i]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out: Csr = {
    start,
    other: new Int32Array(m),
    rel: new Int32Array(m),
    type: new Uint8Array(m),
    modality: new Uint8Array(m),
    from: new Int32Array(m),
    to: new Int32Array(m),
  };
  for (let i = 0; i < m; i++) {
    const at = fill[src[i]!]!++;
    out.other[at] = dst[i]!;
    out.rel[at] = c.rel[i]!;
    out.type[at] = c.type[i]!;
    out.modality[at] = c.modality[i]!;
    out.from[at] = c.from[i]!;
    out.to[at] = c.to[i]!;
  }
  return out;
}

export class Adjacency {
  private readonly index = new Map<string, number>();
  private readonly types: TypeIndex = new Map();
  private readonly out: Csr;
  private readonly in: Csr;
  /**
   * Marks not in use. Walks paused at the same time each hold their own; one walk at a
   * time (the usual case) reuses the same array without clearing it.
   */
  private readonly freeMarks: Marks[] = [];

  constructor(rows: AdjacencyRows) {
    const ids = rows.ids;
    ids.forEach((id, i) => this.index.set(id, i));
    this.ids = ids;
    this.rowids = Int32Array.from(rows.rowids);
    const src: number[] = [];
    const dst: number[] = [];
    const rel: number[] = [];
    const type: number[] = [];
    const modality: number[] = [];
    const first: number[] = [];
    const last: number[] = [];
    const fact = MODALITIES.indexOf(DEFAULT_MODALITY);
    for (const [rowid, t, from, to, m, validFrom, validTo] of rows.relationships) {
      const a = this.index.get(from);
      const b = this.index.get(to);
      if (a === undefined || b === undefined) continue;
      let ti = this.types.get(t);
      if (ti === undefined) this.types.set(t, (ti = this.types.size));
      src.push(a);
      dst.push(b);
      rel.push(rowid);
      type.push(ti);
      const mi = m ? (MODALITIES as readonly string[]).indexOf(m) : fact;
      modality.push(mi < 0 ? fact : mi);
      first.push(validFrom ? dayNumber(validFrom) : OPEN_FROM);
      last.push(validTo ? dayNumber(validTo) : OPEN_TO);
    }
    const [s, d] = [Int32Array.from(src), Int32Array.from(dst)];
    const columns: EdgeColumns = {
      rel: Int32Array.from(rel),
      type: Uint8Array.from(type),
      modality: Uint8Array.from(modality),
      from: Int32Array.from(first),
      to: Int32Array.from(last),
    };
    this.out = buildCsr(ids.length, s.length, s, d, columns);
    this.in = buildCsr(ids.length, s.length, d, s, columns);
  }

  readonly ids: readonly string[];
  /** Entity rowids by node number: a walk reads its entities' rows by rowid, with no index lookup. */
  readonly rowids: Int32Array;

  node(id: string): number | undefined {
    return this.index.get(id);
  }

  /** The followed relationships: of `types`, and passing `filter`; null follows every relationship. */
  mask(types: readonly string[] | null | undefined, filter: RelationshipFilter = {}): EdgeMask | null {
    if (!types && !filter.modalities && !filter.validAt) return null;
    let typeMask: Uint8Array | null = null;
    if (types) {
      typeMask = new Uint8Array(Math.max(1, this.types.size));
      for (const t of types) {
        const i = this.types.get(t);
        if (i !== undefined) typeMask[i] = 1;
      }
    }
    let modalities: Uint8Array | null = null;
    if (filter.modalities) {
      modalities = new Uint8Array(MODALITIES.length);
      for (const m of filter.modalities) {
        const i = MODALITIES.indexOf(m);
        if (i >= 0) modalities[i] = 1;
      }
    }
    const validAt: [number, number] | null = filter.validAt ? [dayNumber(filter.validAt[0]), dayNumber(filter.validAt[1])] : null;
    return { types: typeMask, modalities, validAt };
  }

  /** Marks for one walk, with a stamp no node holds yet; give them back with `release`. */
  private takeMarks(): Marks {
    const marks = this.freeMarks.pop() ?? { mark: new Uint32Array(this.ids.length), stamp: 0 };
    if (++marks.stamp === 0xffffffff) {
      marks.mark.fill(0);
      marks.stamp = 1;
    }
    return marks;
  }

  private release(marks: Marks): void {
    this.freeMarks.push(marks);
  }

  /** Relationships of `node`, both directions. */
  private degree(node: number): number {
    return this.out.start[node + 1]! - this.out.start[node]! + this.in.start[node + 1]! - this.in.start[node]!;
  }

  private sides(way: Way): Csr[] {
    return way === 'BOTH' ? [this.out, this.in] : way === 'OUT' ? [this.out] : [this.in];
  }

  /** Calls `visit(other, rel)` for each relationship of `node` that `way` and `mask` follow. */
  private forEach(node: number, way: Way, mask: EdgeMask | null, visit: (other: number, rel: number) => void): void {
    for (const csr of this.sides(way)) {
      for (let e = csr.start[node]!, end = csr.start[node + 1]!; e < end; e++) {
        if (mask === null || follows(csr, e, mask)) visit(csr.other[e]!, csr.rel[e]!);
      }
    }
  }

  /**
   * Level by level from `start`, never more than `limit` nodes. Nodes of a level
   * are taken in id order, so a cut is the same on every run. A generator: it yields
   * after every WALK_CHUNK edges scanned, and returns the nodes reached with the hops
   * from `start` to each (parallel to `visited`; read off the levels, nothing per edge).
   */
  *breadthFirst(start: number, depth: number, limit: number, way: Way, mask: EdgeMask | null): Generator<void, Walk> {
    const marks = this.takeMarks();
    try {
      const seen = marks.stamp;
      const mark = marks.mark;
      mark[start] = seen;
      const visited = [start];
      /** levelEnds[d]: how many nodes the levels up to d hold. */
      const levelEnds = [1];
      const sides = this.sides(way);
      let frontier = [start];
      let scanned = 0;
      for (let level = 1; level <= depth && frontier.length; level++) {
        const next: number[] = [];
        // The hot loop of every walk: plain loops over the typed arrays; a type mask alone needs no call.
        const typesOnly = mask !== null && mask.modalities === null && mask.validAt === null ? mask.types : null;
        for (const csr of sides) {
          const { start: first, other, type } = csr;
          for (const node of frontier) {
            const end = first[node + 1]!;
            for (let e = first[node]!; e < end; e++) {
              const o = other[e]!;
              if (mark[o] !== seen && (mask === null || (typesOnly !== null ? typesOnly[type[e]!] === 1 : follows(csr, e, mask)))) {
                mark[o] = seen;
                next.push(o);
              }
            }
            scanned += end - first[node]!;
            if (scanned >= WALK_CHUNK) {
              scanned = 0;
              yield;
            }
          }
        }
        // A typed array sorts numbers several times faster than an array with a comparator.
        const level = Int32Array.from(next).sort();
        const room = limit - visited.length;
        if (level.length > room) {
          for (let i = 0; i < room; i++) visited.push(level[i]!);
          levelEnds.push(visited.length);
          return { visited, distances: distancesOf(levelEnds), truncated: true };
        }
        for (const n of level) visited.push(n);
        levelEnds.push(visited.length);
        frontier = Array.from(level);
      }
      return { visited, distances: distancesOf(levelEnds), truncated: false };
    } finally {
      this.release(marks);
    }
  }

  /**
   * Rowids of the followed relationships whose two ends are both in `nodes`, and, when
   * `hops` gives the walk that reached them (each node's distance, the way it went), the
   * relationships by which each node was reached: those joining it to a node one hop
   * closer, followed the walk's way. `via[i]` holds one of those of `nodes[i]` (-1 for
   * none), `others` the rest as pairs [i, rowid], for the caller to keep the first by id.
   */
  relationshipsAmong(nodes: readonly number[], mask: EdgeMask | null, hops?: { distances: Uint8Array; way: Way }): Among {
    const marks = this.takeMarks();
    try {
      const { mark, stamp: inSet } = marks;
      const slot = (marks.slot ??= new Int32Array(this.ids.length));
      for (let i = 0; i < nodes.length; i++) {
        mark[nodes[i]!] = inSet;
        slot[nodes[i]!] = i;
      }
      const rels: number[] = [];
      const via = new Int32Array(nodes.length).fill(-1);
      const others: number[] = [];
      const d = hops?.distances;
      const forwards = hops !== undefined && hops.way !== 'IN';
      const backwards = hops !== undefined && hops.way !== 'OUT';
      const { start: first, other, rel } = this.out;
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i]!;
        for (let e = first[n]!, end = first[n + 1]!; e < end; e++) {
          const o = other[e]!;
          if (mark[o] !== inSet || (mask !== null && !follows(this.out, e, mask))) continue;
          rels.push(rel[e]!);
          if (d === undefined) continue;
          // n -> o, followed forwards from n, or backwards from o.
          const j = slot[o]!;
          const reached = forwards && d[j] === d[i]! + 1 ? j : backwards && d[i] === d[j]! + 1 ? i : -1;
          if (reached < 0) continue;
          if (via[reached] === -1) via[reached] = rel[e]!;
          else others.push(reached, rel[e]!);
        }
      }
      return { rels, via, others };
    } finally {
      this.release(marks);
    }
  }

  /**
   * A breadth-first search from both ends, either direction, at most `maxDepth` hops in
   * all, always growing the smaller frontier, until they meet: the distances from `from`
   * of the nodes it grew forwards, those to `to` of the nodes it grew backwards, the hops
   * `a` and `b` each side took, and the meeting points (at `a` from `from` and `b` from
   * `to`, on every shortest path); null when they do not meet. A generator, like
   * breadthFirst: it yields after every WALK_CHUNK edges scanned.
   */
  private *meet(from: number, to: number, maxDepth: number, mask: EdgeMask | null): Generator<void, Meeting | null> {
    let scanned = 0;
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
        scanned += this.degree(node);
        if (scanned >= WALK_CHUNK) {
          scanned = 0;
          yield;
        }
      }
      if (growForward) fFrontier = next;
      else bFrontier = next;
      // The first level to touch the other side's nodes sets the length: those it
      // touches at the other side's outermost level are the meeting points.
      const outermost = growForward ? b : a;
      meeting = next.filter((n) => other.get(n) === outermost);
      if (meeting.length) break;
    }
    return meeting.length ? { forward, backward, a, b, meeting } : null;
  }

  /**
   * The nodes at each hop of the shortest paths a meeting found: layers[k] holds those
   * at k hops from `from` on some shortest path, layers[0] `from` and the last `to`.
   * From the meeting points, outwards both ways: towards `to` through nodes one hop
   * nearer it, towards `from` through nodes one hop nearer that. `upTo` stops the
   * layers towards `to` at that hop (what reading a path back from `to` needs).
   */
  private *layers(m: Meeting, mask: EdgeMask | null, both: boolean, upTo: number): Generator<void, Set<number>[]> {
    const length = m.a + m.b;
    const onPath: Set<number>[] = [];
    onPath[m.a] = new Set(m.meeting);
    let scanned = 0;
    const grow = function* (this: Adjacency, k: number, step: 1 | -1, near: Map<number, number>, at: number): Generator<void> {
      const next = new Set<number>();
      for (const node of onPath[k]!) {
        this.forEach(node, 'BOTH', mask, (o) => {
          if (near.get(o) === at) next.add(o);
        });
        scanned += this.degree(node);
        if (scanned >= WALK_CHUNK) {
          scanned = 0;
          yield;
        }
      }
      onPath[k + step] = next;
    };
    for (let k = m.a; k < upTo; k++) yield* grow.call(this, k, 1, m.backward, length - k - 1);
    if (both) for (let k = m.a; k > 0; k--) yield* grow.call(this, k, -1, m.forward, k - 1);
    return onPath;
  }

  /**
   * A shortest path from `from` to `to`, either direction, at most `maxDepth` hops.
   * Among equally short paths, the one whose relationship ids, read from `to` back to
   * `from`, sort first (code-point order): the one a breadth-first search from `from`
   * finds when each node keeps the smallest relationship that reaches it.
   *
   * The search runs from both ends until they meet (meet); the path is then read back
   * from `to`, choosing at each node the smallest relationship towards a node one hop
   * closer to `from`. `relationshipIds` names rowids, for that choice only. A generator,
   * like breadthFirst: it yields after every WALK_CHUNK edges scanned.
   */
  *shortestPath(
    from: number,
    to: number,
    maxDepth: number,
    mask: EdgeMask | null,
    relationshipIds: (rowids: number[]) => Map<number, string>,
  ): Generator<void, NodePath | null> {
    if (from === to) return { nodes: [from], relationships: [] };
    const met = yield* this.meet(from, to, maxDepth, mask);
    if (!met) return null;
    const { a, forward } = met;
    const length = a + met.b;
    // Up to `a`, the forward distances say which nodes are one hop closer; beyond, the layers.
    const onPath = yield* this.layers(met, mask, false, length - 1);
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
        for (const c of candidates) if (compareIds(names.get(c[1])!, names.get(best[1])!) < 0) best = c;
      }
      v = best[0];
      nodes.unshift(v);
      relationships.unshift(best[1]);
    }
    return { nodes, relationships };
  }

  /**
   * Every shortest path from `from` to `to`, either direction, at most `maxDepth` hops,
   * at most `first` of them: the first in the order of their relationship ids read from
   * `from` (byRelationshipIds). Once the search has met (meet) and laid out the nodes at
   * each hop of a shortest path (layers), a depth-first walk from `from` takes at each
   * node its relationships towards the next layer in id order, so that the paths come
   * out in that order and the walk stops at the `first`-th; each partial path leads to
   * `to`, so nothing is walked in vain. `relationshipIds` names the rowids of the
   * relationships between layers. A generator, like breadthFirst.
   */
  *shortestPaths(
    from: number,
    to: number,
    maxDepth: number,
    first: number,
    mask: EdgeMask | null,
    relationshipIds: (rowids: number[]) => Map<number, string>,
  ): Generator<void, NodePath[]> {
    if (from === to) return [{ nodes: [from], relationships: [] }];
    const met = yield* this.meet(from, to, maxDepth, mask);
    if (!met) return [];
    const length = met.a + met.b;
    const onPath = yield* this.layers(met, mask, true, length);
    // The steps from each node towards the next layer: [other, rowid] pairs.
    const steps = new Map<number, number[]>();
    const rowids: number[] = [];
    let scanned = 0;
    for (let k = 0; k < length; k++) {
      for (const node of onPath[k]!) {
        const out: number[] = [];
        this.forEach(node, 'BOTH', mask, (o, rel) => {
          if (onPath[k + 1]!.has(o)) {
            out.push(o, rel);
            rowids.push(rel);
          }
        });
        steps.set(node, out);
        scanned += this.degree(node);
        if (scanned >= WALK_CHUNK) {
          scanned = 0;
          yield;
        }
      }
    }
    const names = relationshipIds([...new Set(rowids)]);
    for (const [node, out] of steps) {
      const pairs = Array.from({ length: out.length / 2 }, (_, i) => [out[2 * i]!, out[2 * i + 1]!] as const);
      pairs.sort((x, y) => compareIds(names.get(x[1])!, names.get(y[1])!));
      steps.set(node, pairs.flat());
    }
    const paths: NodePath[] = [];
    const nodes = [from];
    const relationships: number[] = [];
    const walk = (node: number): void => {
      if (nodes.length === length + 1) {
        paths.push({ nodes: [...nodes], relationships: [...relationships] });
        return;
      }
      const out = steps.get(node)!;
      for (let i = 0; i < out.length && paths.length < first; i += 2) {
        nodes.push(out[i]!);
        relationships.push(out[i + 1]!);
        walk(out[i]!);
        nodes.pop();
        relationships.pop();
      }
    };
    walk(from);
    return paths;
  }
}

/** What the search from both ends found when they met: see Adjacency.meet. */
interface Meeting {
  forward: Map<number, number>;
  backward: Map<number, number>;
  a: number;
  b: number;
  meeting: number[];
}

/** Runs a walk of Adjacency to its end without pausing, for callers with no deadline. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
