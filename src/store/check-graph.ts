import type { GraphData } from '../domain/model';

/**
 * What every store refuses before it writes anything: an id held twice, and a
 * relationship whose end the graph does not hold. The message says which.
 */
export function checkGraph(graph: GraphData): void {
  const entities = new Set<string>();
  for (const e of graph.entities) {
    if (entities.has(e.id)) throw new Error(`The graph holds the entity id "${e.id}" twice; nothing was loaded.`);
    entities.add(e.id);
  }
  const relationships = new Set<string>();
  const dangling: string[] = [];
  for (const r of graph.relationships) {
    if (relationships.has(r.id)) throw new Error(`The graph holds the relationship id "${r.id}" twice; nothing was loaded.`);
    relationships.add(r.id);
    if (!entities.has(r.from) || !entities.has(r.to)) dangling.push(`${r.id} (${r.from} -> ${r.to})`);
  }
  if (dangling.length) {
    throw new Error(`${dangling.length} relationship(s) join an entity the graph does not hold, e.g. ${dangling.slice(0, 5).join(', ')}; nothing was loaded.`);
  }
}
