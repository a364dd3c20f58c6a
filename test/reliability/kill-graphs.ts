import type { GraphData } from '../../src/domain/model';
import { syntheticGraph, type GraphSize } from '../bench/synthetic-graph';

/**
 * The graphs the kill test swaps: a synthetic graph of a size and seed, cut to its first
 * `entities` (and the relationships between them) and its first `relationships` when given,
 * so that a load takes about a second on each store. The version names the cut, so that a
 * store's version says which graph it holds.
 */
export function killGraph(size: GraphSize, seed: number, cut: { entities?: number; relationships?: number } = {}): GraphData {
  const g = syntheticGraph(size, seed);
  const entities = g.entities.slice(0, cut.entities ?? g.entities.length);
  const kept = new Set(entities.map((e) => e.id));
  const between = cut.entities === undefined ? g.relationships : g.relationships.filter((r) => kept.has(r.from) && kept.has(r.to));
  const relationships = between.slice(0, cut.relationships ?? between.length);
  const suffix = `${cut.entities === undefined ? '' : `-e${entities.length}`}${relationships.length === g.relationships.length ? '' : `-r${relationships.length}`}`;
  return { version: `${g.version}${suffix}`, entities, relationships };
}

/** The arguments of load-child.ts that load this very graph. */
export function childArgs(size: GraphSize, seed: number, cut: { entities?: number; relationships?: number } = {}): string[] {
  return [size, String(seed), String(cut.entities ?? ''), String(cut.relationships ?? '')];
}
