import { relationshipId, type Entity, type GraphData, type Relationship } from '../../src/domain/model';

/**
 * A graph big enough that a walk over it takes many chunks of work: `hubs` hubs, each
 * joined to every one of `leaves` leaves. From a leaf, depth 3 reaches everything and
 * scans every relationship twice; depth 2 already scans them all once. Deterministic.
 */
export function hubGraph(hubs = 6, leaves = 8000): GraphData {
  const entity = (id: string): Entity => ({ id, type: 'Platform', category: null, label: `Big ${id}`, names: [], status: null, inferred: {}, properties: {}, sources: [] });
  const hubIds = Array.from({ length: hubs }, (_, i) => `hub-${i}`);
  const leafIds = Array.from({ length: leaves }, (_, i) => `leaf-${String(i).padStart(5, '0')}`);
  const relationships: Relationship[] = [];
  for (const leaf of leafIds) {
    for (const hub of hubIds) {
      relationships.push({ id: relationshipId(leaf, 'USES', hub), type: 'USES', from: leaf, to: hub, properties: {}, sources: [] });
    }
  }
  return { version: `hubs-${hubs}x${leaves}`, entities: [...hubIds, ...leafIds].map(entity), relationships };
}
