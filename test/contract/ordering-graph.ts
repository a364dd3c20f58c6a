import { relationshipId, type Entity, type GraphData, type Relationship } from '../../src/domain/model';
import type { RelationshipType } from '../../src/domain/vocabulary';

/**
 * Ids where code-point order, localeCompare and UTF-16 order disagree: upper before
 * lower case, '-' before 'B' before '_' before 'b', an accented letter after 'z', a
 * full-width letter (U+FF5A) before a character above U+FFFF (U+1F600), which UTF-16
 * order puts first. In code-point order, as the API promises them:
 */
export const CODE_POINT_ORDER = ['Zeta', 'a-b', 'aB', 'a_b', 'ab', 'alpha', 'e-x', 'z', 'é-x', 'ｚ', '😀'];

/** Two entities further, at two hops from `start`. */
export const FAR = ['Far', 'far'];

const entity = (id: string, label = 'Même nom'): Entity => ({ id, type: 'Platform', category: null, label, names: [], status: null, inferred: {}, properties: {}, sources: [] });
const rel = (from: string, type: RelationshipType, to: string): Relationship => ({ id: relationshipId(from, type, to), type, from, to, properties: {}, sources: [] });

/**
 * `start` is joined to each of CODE_POINT_ORDER (by a type that varies: PART_OF and
 * PARTICIPATES_IN differ at '_' against 'I'), and `z` to each of FAR. Every entity
 * but `start` has the same name, so that a search for it ties them all. Listed in
 * an order that is none of the orders tested.
 */
export function orderingGraph(): GraphData {
  const types: RelationshipType[] = ['PART_OF', 'PARTICIPATES_IN', 'USES', 'DEPENDS_ON'];
  const shuffled = [...CODE_POINT_ORDER].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
  return {
    version: 'ordering-1',
    entities: [entity('start', 'Start'), ...shuffled.map((id) => entity(id)), ...FAR.map((id) => entity(id))],
    relationships: [
      ...shuffled.map((id, i) => (i % 2 === 0 ? rel('start', types[i % types.length]!, id) : rel(id, types[i % types.length]!, 'start'))),
      ...FAR.map((id) => rel('z', 'USES', id)),
    ],
  };
}
