import type { Direction, Relationship } from '../../domain/model';
import { compareIds } from '../../domain/order';

/**
 * The relationship by which a walk first reached each node (Subgraph.via): among the
 * subgraph's relationships, those joining the node to one a hop closer to the start,
 * followed the walk's way (OUT: from the closer node; IN: to it; BOTH: either), the
 * first by id. `nodes` and `distances` are parallel; null for the start.
 */
export function viaOf(nodes: readonly string[], distances: readonly number[], relationships: readonly Relationship[], way: Direction): (string | null)[] {
  const distance = new Map(nodes.map((id, i) => [id, distances[i]!]));
  const best = new Map<string, string>();
  const offer = (node: string, id: string) => {
    const held = best.get(node);
    if (held === undefined || compareIds(id, held) < 0) best.set(node, id);
  };
  for (const r of relationships) {
    const from = distance.get(r.from);
    const to = distance.get(r.to);
    if (from === undefined || to === undefined) continue;
    if (way !== 'IN' && to === from + 1) offer(r.to, r.id);
    else if (way !== 'OUT' && from === to + 1) offer(r.from, r.id);
  }
  return nodes.map((id, i) => (distances[i] === 0 ? null : (best.get(id) ?? null)));
}
