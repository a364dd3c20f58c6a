/**
 * The physical limit for traversal: the graph held in typed arrays (compressed sparse
 * rows, ids as dense ints in id order), walked with plain loops and reused buffers, on
 * one core, with no database, no query language and no allocation beyond the answer.
 * Same semantics as the stores (src/store/store.ts, src/store/embedded/traverse.ts):
 * level by level, a level's nodes taken in id order when the node limit cuts it.
 * No store can answer Q4-Q6 faster than this on the same machine.
 */
import type { GraphData } from '../../src/domain/model';
import { DEPENDENCY_TYPES, RELATIONSHIP_TYPES } from '../../src/domain/vocabulary';
import { BOUNDS } from './queries';

export interface NeighbourhoodCount { nodes: number; relationships: number; truncated: boolean }
export interface DependencyCount { nodes: number; truncated: boolean }

export class CompressedGraph {
  /** Entity ids, sorted: the int of an id is its rank, so "id order" is int order. */
  readonly ids: readonly string[];
  private readonly index: Map<string, number>;
  /** Out-edges of node v: targets and types at [outOffsets[v], outOffsets[v + 1]). */
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  readonly outTypes: Uint8Array;
  /** In-edges of node v: sources and types at [inOffsets[v], inOffsets[v + 1]). */
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inTypes: Uint8Array;
  /** 1 for the type codes that carry a dependency. */
  private readonly dependency: Uint8Array;
  /** `mark[v] === epoch`: v is visited in the current call. Bumping the epoch clears it. */
  private readonly mark: Int32Array;
  private epoch = 0;
  /** Visited nodes in visit order, a level after the other. */
  private readonly queue: Int32Array;
  /** How many nodes the last neighbourhood or dependencies call visited. */
  private visited = 0;
  /** The other side of a bidirectional shortest path, and the depth of each node on either side. */
  private readonly otherMark: Int32Array;
  private readonly otherQueue: Int32Array;
  private readonly level: Uint8Array;
  private readonly otherLevel: Uint8Array;
  /** End of the level `expand` just filled. */
  private expanded = 0;

  private constructor(ids: string[], index: Map<string, number>, edgeFrom: Int32Array, edgeTo: Int32Array, edgeType: Uint8Array) {
    const n = ids.length;
    const m = edgeFrom.length;
    this.ids = ids;
    this.index = index;
    const build = (key: Int32Array, other: Int32Array): [Int32Array, Int32Array, Uint8Array] => {
      const offsets = new Int32Array(n + 1);
      for (let e = 0; e < m; e++) offsets[key[e]! + 1]!++;
      for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
      const fill = offsets.slice(0, n);
      const targets = new Int32Array(m);
      const types = new Uint8Array(m);
      for (let e = 0; e < m; e++) {
        const at = fill[key[e]!]!++;
        targets[at] = other[e]!;
        types[at] = edgeType[e]!;
      }
      return [offsets, targets, types];
    };
    [this.outOffsets, this.outTargets, this.outTypes] = build(edgeFrom, edgeTo);
    [this.inOffsets, this.inSources, this.inTypes] = build(edgeTo, edgeFrom);
    this.dependency = new Uint8Array(RELATIONSHIP_TYPES.length);
    for (const t of DEPENDENCY_TYPES) this.dependency[RELATIONSHIP_TYPES.indexOf(t)] = 1;
    this.mark = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.otherMark = new Int32Array(n);
    this.otherQueue = new Int32Array(n);
    this.level = new Uint8Array(n);
    this.otherLevel = new Uint8Array(n);
  }

  static from(graph: GraphData): CompressedGraph {
    // Plain `sort()` compares UTF-16 code units, as the stores' level sort does.
    const ids = graph.entities.map((e) => e.id).sort();
    const index = new Map(ids.map((id, i) => [id, i]));
    const typeCode = new Map<string, number>(RELATIONSHIP_TYPES.map((t, i) => [t, i]));
    const m = graph.relationships.length;
    const from = new Int32Array(m);
    const to = new Int32Array(m);
    const type = new Uint8Array(m);
    for (let e = 0; e < m; e++) {
      const r = graph.relationships[e]!;
      const f = index.get(r.from);
      const t = index.get(r.to);
      const c = typeCode.get(r.type);
      if (f === undefined || t === undefined || c === undefined) throw new Error(`relationship ${r.id}: unknown endpoint or type`);
      from[e] = f;
      to[e] = t;
      type[e] = c;
    }
    return new CompressedGraph(ids, index, from, to, type);
  }

  get nodeCount(): number {
    return this.ids.length;
  }

  get edgeCount(): number {
    return this.outTargets.length;
  }

  /** Bytes held by the arrays (ids and their index excluded). */
  get bytes(): number {
    return [this.outOffsets, this.outTargets, this.outTypes, this.inOffsets, this.inSources, this.inTypes, this.mark, this.queue, this.otherMark, this.otherQueue, this.level, this.otherLevel].reduce(
      (s, a) => s + a.byteLength,
      0,
    );
  }

  /** Entities within `depth` hops of `id`, either direction, all types; relationships between them. */
  neighbourhood(id: string, depth: number, limit: number): NeighbourhoodCount {
    const count = this.walk(this.intOf(id), depth, limit, 'BOTH', false);
    const nodes = count < 0 ? -count : count;
    const mark = this.mark;
    const epoch = this.epoch;
    const offsets = this.outOffsets;
    const targets = this.outTargets;
    let relationships = 0;
    for (let k = 0; k < nodes; k++) {
      const v = this.queue[k]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) if (mark[targets[e]!] === epoch) relationships++;
    }
    return { nodes, relationships, truncated: count < 0 };
  }

  /** What `id` relies on (UPSTREAM: dependency edges forwards) or what relies on it (DOWNSTREAM: backwards). */
  dependencies(id: string, direction: 'UPSTREAM' | 'DOWNSTREAM', maxDepth: number, limit: number): DependencyCount {
    const count = this.walk(this.intOf(id), maxDepth, limit, direction === 'UPSTREAM' ? 'OUT' : 'IN', true);
    return { nodes: count < 0 ? -count : count, truncated: count < 0 };
  }

  /**
   * Length of a shortest path ignoring direction, `null` when none within `maxDepth` hops.
   * Bidirectional (as Neo4j's shortestPath is): a level at a time from the side whose frontier
   * has fewer edges, until the two searches meet; a side with nothing left to expand ends it.
   */
  shortestPath(from: string, to: string, maxDepth: number): number | null {
    const source = this.intOf(from);
    const target = this.intOf(to);
    if (source === target) return 0;
    const epoch = this.nextEpoch();
    const { mark, queue, otherMark, otherQueue, level, otherLevel } = this;
    mark[source] = epoch;
    level[source] = 0;
    queue[0] = source;
    otherMark[target] = epoch;
    otherLevel[target] = 0;
    otherQueue[0] = target;
    // Each side: its frontier is queue[head, count), its depth so far.
    let sHead = 0;
    let sCount = 1;
    let sDepth = 0;
    let tHead = 0;
    let tCount = 1;
    let tDepth = 0;
    while (sDepth + tDepth < maxDepth) {
      if (sHead === sCount || tHead === tCount) return null;
      const fromSource = this.frontierEdges(queue, sHead, sCount) <= this.frontierEdges(otherQueue, tHead, tCount);
      const found = fromSource
        ? this.expand(queue, sHead, sCount, mark, level, sDepth + 1, otherMark, otherLevel, epoch)
        : this.expand(otherQueue, tHead, tCount, otherMark, otherLevel, tDepth + 1, mark, level, epoch);
      if (fromSource) {
        sHead = sCount;
        sCount = this.expanded;
        sDepth++;
      } else {
        tHead = tCount;
        tCount = this.expanded;
        tDepth++;
      }
      if (found >= 0) return (fromSource ? sDepth : tDepth) + found;
    }
    return null;
  }

  /** Edges out of and into the nodes of `q[head, count)`. */
  private frontierEdges(q: Int32Array, head: number, count: number): number {
    let edges = 0;
    for (let k = head; k < count; k++) {
      const v = q[k]!;
      edges += this.outOffsets[v + 1]! - this.outOffsets[v]! + this.inOffsets[v + 1]! - this.inOffsets[v]!;
    }
    return edges;
  }

  /**
   * One level of one side of the bidirectional search: expands `q[head, count)` into
   * `q[count, this.expanded)` at depth `depth`. Returns the smallest depth, on the other
   * side, of a node both sides reached (-1 when none).
   */
  private expand(
    q: Int32Array, head: number, count: number, mark: Int32Array, level: Uint8Array, depth: number,
    otherMark: Int32Array, otherLevel: Uint8Array, epoch: number,
  ): number {
    const { outOffsets, outTargets, inOffsets, inSources } = this;
    let next = count;
    let meet = 0x7fffffff;
    for (let k = head; k < count; k++) {
      const v = q[k]!;
      // The out- and in-edge loops are written twice on purpose: this is the limit's
      // innermost loop, and a shared closure over two arrays would cost in what it measures.
      for (let e = outOffsets[v]!, stop = outOffsets[v + 1]!; e < stop; e++) {
        const w = outTargets[e]!;
        if (mark[w] === epoch) continue;
        if (otherMark[w] === epoch && otherLevel[w]! < meet) meet = otherLevel[w]!;
        mark[w] = epoch;
        level[w] = depth;
        q[next++] = w;
      }
      for (let e = inOffsets[v]!, stop = inOffsets[v + 1]!; e < stop; e++) {
        const w = inSources[e]!;
        if (mark[w] === epoch) continue;
        if (otherMark[w] === epoch && otherLevel[w]! < meet) meet = otherLevel[w]!;
        mark[w] = epoch;
        level[w] = depth;
        q[next++] = w;
      }
    }
    this.expanded = next;
    return meet === 0x7fffffff ? -1 : meet;
  }

  /**
   * Level by level from `start`, at most `limit` nodes; leaves the visited nodes in
   * `queue[0, n)` marked with the epoch. Returns n, or -n when the limit cut a level.
   */
  private walk(start: number, depth: number, limit: number, way: 'OUT' | 'IN' | 'BOTH', dependenciesOnly: boolean): number {
    const epoch = this.nextEpoch();
    const { mark, queue, outOffsets, outTargets, outTypes, inOffsets, inSources, inTypes, dependency } = this;
    const out = way !== 'IN';
    const inc = way !== 'OUT';
    mark[start] = epoch;
    queue[0] = start;
    let count = 1;
    let head = 0;
    for (let level = 1; level <= depth && head < count; level++) {
      let next = count;
      for (; head < count; head++) {
        const v = queue[head]!;
        if (out) {
          for (let e = outOffsets[v]!, stop = outOffsets[v + 1]!; e < stop; e++) {
            const w = outTargets[e]!;
            if (mark[w] !== epoch && (!dependenciesOnly || dependency[outTypes[e]!])) {
              mark[w] = epoch;
              queue[next++] = w;
            }
          }
        }
        if (inc) {
          for (let e = inOffsets[v]!, stop = inOffsets[v + 1]!; e < stop; e++) {
            const w = inSources[e]!;
            if (mark[w] !== epoch && (!dependenciesOnly || dependency[inTypes[e]!])) {
              mark[w] = epoch;
              queue[next++] = w;
            }
          }
        }
      }
      const room = Math.max(0, limit - count);
      if (next - count > room) {
        // Keep the `room` smallest ids of the level, as the stores do, and unmark the rest.
        queue.subarray(count, next).sort();
        for (let k = count + room; k < next; k++) mark[queue[k]!] = 0;
        this.visited = count + room;
        return -(count + room);
      }
      count = next;
    }
    this.visited = count;
    return count;
  }

  /** The ids the last neighbourhood or dependencies call visited (for checks; allocates). */
  visitedIds(): string[] {
    return Array.from(this.queue.subarray(0, this.visited), (v) => this.ids[v] as string);
  }

  private nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.mark.fill(0);
      this.otherMark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  private intOf(id: string): number {
    const v = this.index.get(id);
    if (v === undefined) throw new Error(`No entity with id "${id}".`);
    return v;
  }
}

export interface LimitFigures { opsPerSec: number; p50Ms: number; p99Ms: number; ops: number }
export interface LimitPicks {
  hubs: readonly string[];
  pairs: readonly (readonly [string, string])[];
  corePlatforms: readonly string[];
}

/**
 * Q4-Q6 at the limit, on this core: each query in a closed loop for `durationMs` after a
 * warm-up (a fifth of it, at least 200 ms), cycling over its picks; latency of every op.
 */
export function measureLimit(g: CompressedGraph, picks: LimitPicks, durationMs: number): Record<'Q4' | 'Q5' | 'Q6', LimitFigures> {
  const { hubs, pairs, corePlatforms } = picks;
  let sink = 0;
  const workloads: Record<'Q4' | 'Q5' | 'Q6', (i: number) => void> = {
    Q4: (i) => {
      const r = g.neighbourhood(hubs[i % hubs.length]!, BOUNDS.neighbourhoodDepth, BOUNDS.nodeLimit);
      sink += r.nodes + r.relationships;
    },
    Q5: (i) => {
      const [from, to] = pairs[i % pairs.length]!;
      sink += g.shortestPath(from, to, BOUNDS.pathMaxDepth) ?? -1;
    },
    Q6: (i) => {
      sink += g.dependencies(corePlatforms[i % corePlatforms.length]!, 'DOWNSTREAM', BOUNDS.dependencyDepth, BOUNDS.nodeLimit).nodes;
    },
  };
  const run = (op: (i: number) => void): LimitFigures => {
    const warmUntil = process.hrtime.bigint() + BigInt(Math.round(Math.max(200, durationMs / 5) * 1e6));
    for (let i = 0; process.hrtime.bigint() < warmUntil; i++) op(i);
    let latencies = new Float64Array(1 << 16);
    let ops = 0;
    const started = process.hrtime.bigint();
    const until = started + BigInt(Math.round(durationMs * 1e6));
    for (let t = started; t < until; ) {
      op(ops);
      const done = process.hrtime.bigint();
      if (ops === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[ops++] = Number(done - t);
      t = done;
    }
    const elapsedNs = Number(process.hrtime.bigint() - started);
    const sorted = latencies.subarray(0, ops).sort();
    const at = (p: number) => (sorted[Math.min(ops - 1, Math.floor(p * ops))] ?? 0) / 1e6;
    return { opsPerSec: ops / (elapsedNs / 1e9), p50Ms: at(0.5), p99Ms: at(0.99), ops };
  };
  const figures = { Q4: run(workloads.Q4), Q5: run(workloads.Q5), Q6: run(workloads.Q6) };
  if (Number.isNaN(sink)) console.log(sink); // keeps the results alive
  return figures;
}
