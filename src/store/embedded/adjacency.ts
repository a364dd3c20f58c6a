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
   * after every WALK_CHUNK edges scanned, and returns the nodes reached.
   */
  *breadthFirst(start: number, depth: number, limit: number, way: Way, mask: EdgeMask | null): Generator<void, { visited: number[]; truncated: boolean }> {
    const marks = this.takeMarks();
    try {
      const seen = marks.stamp;
      const mark = marks.mark;
      mark[start] = seen;
      const visited = [start];
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
          return { visited, truncated: true };
        }
        for (const n of level) visited.push(n);
        frontier = Array.from(level);
      }
      return { visited, truncated: false };
    } finally {
      this.release(marks);
    }
  }

  /** Rowids of the relationships of the followed types whose two ends are both in `nodes`. */
  relationshipsAmong(nodes: readonly number[], mask: EdgeMask | null): number[] {
    const marks = this.takeMarks();
    const { mark, stamp: inSet } = marks;
    for (const n of nodes) mark[n] = inSet;
    const rels: number[] = [];
    for (const n of nodes) {
      this.forEach(n, 'OUT', mask, (other, rel) => {
        if (mark[other] === inSet) rels.push(rel);
      });
    }
    this.release(marks);
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
   * rowids, for that choice only. A generator, like breadthFirst: it yields after
   * every WALK_CHUNK edges scanned.
   */
  *shortestPath(
    from: number,
    to: number,
    maxDepth: number,
    mask: EdgeMask | null,
    relationshipIds: (rowids: number[]) => Map<number, string>,
  ): Generator<void, { nodes: number[]; relationships: number[] } | null> {
    if (from === to) return { nodes: [from], relationships: [] };
    let scanned = 0;
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
        scanned += this.degree(node);
        if (scanned >= WALK_CHUNK) {
          scanned = 0;
          yield;
        }
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
        for (const c of candidates) if (compareIds(names.get(c[1])!, names.get(best[1])!) < 0) best = c;
      }
      v = best[0];
      nodes.unshift(v);
      relationships.unshift(best[1]);
    }
    return { nodes, relationships };
  }
}

/** Runs a walk of Adjacency to its end without pausing, for callers with no deadline. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
