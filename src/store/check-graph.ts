import { GraphRefusedError } from '../domain/errors';
import type { GraphData } from '../domain/model';
import { dateInterval } from '../domain/partial-date';
import { ENTITY_TYPES, isModality, RELATIONSHIP_TYPES } from '../domain/vocabulary';

const entityTypes = new Set<string>(ENTITY_TYPES);
const relationshipTypes = new Set<string>(RELATIONSHIP_TYPES);

/**
 * What every store refuses before it writes anything: an id held twice, a type or a
 * modality outside the vocabulary, a relationship time that is no partial date, and a
 * relationship whose end the graph does not hold.
 * The error is GraphRefusedError; its message says which.
 */
export function checkGraph(graph: GraphData): void {
  const entities = new Set<string>();
  for (const e of graph.entities) {
    if (entities.has(e.id)) throw new GraphRefusedError(`The graph holds the entity id "${e.id}" twice; nothing was loaded.`);
    entities.add(e.id);
    if (!entityTypes.has(e.type)) throw new GraphRefusedError(`Entity "${e.id}" has a type outside the vocabulary: "${e.type}"; nothing was loaded.`);
  }
  const relationships = new Set<string>();
  const dangling: string[] = [];
  for (const r of graph.relationships) {
    if (relationships.has(r.id)) throw new GraphRefusedError(`The graph holds the relationship id "${r.id}" twice; nothing was loaded.`);
    relationships.add(r.id);
    if (!relationshipTypes.has(r.type)) throw new GraphRefusedError(`Relationship "${r.id}" has a type outside the vocabulary: "${r.type}"; nothing was loaded.`);
    if (r.modality !== undefined && !isModality(r.modality)) {
      throw new GraphRefusedError(`Relationship "${r.id}" has a modality outside the vocabulary: "${String(r.modality)}"; nothing was loaded.`);
    }
    for (const key of ['start', 'end', 'at'] as const) {
      const date = r[key]?.date;
      if (r[key] !== undefined && (typeof date !== 'string' || !dateInterval(date))) {
        throw new GraphRefusedError(`Relationship "${r.id}" has a ${key} that is no partial date: ${JSON.stringify(r[key])}; nothing was loaded.`);
      }
    }
    if (!entities.has(r.from) || !entities.has(r.to)) dangling.push(`${r.id} (${r.from} -> ${r.to})`);
  }
  if (dangling.length) {
    throw new GraphRefusedError(`${dangling.length} relationship(s) join an entity the graph does not hold, e.g. ${dangling.slice(0, 5).join(', ')}; nothing was loaded.`);
  }
}
