import type { Rel } from './api';

/**
 * Hop distances of a dependency subgraph from its start, read from its relationships:
 * DOWNSTREAM walks from a node to what depends on it (the `from` of a relationship whose `to`
 * it is), UPSTREAM to what it relies on. `via` is the relationship that first reached each
 * node (among several at the same distance, the first by id), as the API's `hops` give it.
 */
export function dependencyHops(start: string, relationships: Rel[], direction: 'DOWNSTREAM' | 'UPSTREAM'): Map<string, { distance: number; via?: Rel }> {
  const hops = new Map<string, { distance: number; via?: Rel }>([[start, { distance: 0 }]]);
  const sorted = [...relationships].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let frontier = [start];
  for (let distance = 1; frontier.length; distance++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const r of sorted) {
        const [here, there] = direction === 'DOWNSTREAM' ? [r.to.id, r.from.id] : [r.from.id, r.to.id];
        if (here !== node || hops.has(there)) continue;
        hops.set(there, { distance, via: r });
        next.push(there);
      }
    }
    frontier = next;
  }
  return hops;
}
