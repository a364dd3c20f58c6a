import DataLoader from 'dataloader';
import type { Direction, Entity, Relationship, RelationshipFilter } from '../domain/model';
import type { RelationshipType } from '../domain/vocabulary';
import type { CallOptions, GraphStore } from '../store/store';

/**
 * Batching for one request: every entity or relationship list a query's fields ask
 * for in one tick goes to the store as one call. Made anew per request, never shared,
 * so that one user's cached answers never reach another.
 */
export class Loaders {
  readonly entity: DataLoader<string, Entity | null>;
  private readonly relationships = new Map<string, DataLoader<string, Relationship[]>>();

  constructor(private readonly store: GraphStore, private readonly call: CallOptions = {}) {
    this.entity = new DataLoader((ids) => store.getEntities(ids, call));
  }

  /** Entities already in hand (a traversal's nodes) are primed so their relationships' ends need no call. */
  prime(entities: readonly Entity[]): void {
    for (const e of entities) this.entity.prime(e.id, e);
  }

  relationshipsOf(id: string, direction: Direction, types?: readonly RelationshipType[], filter: RelationshipFilter = {}): Promise<Relationship[]> {
    const { modalities, validAt } = filter;
    const key = [
      direction,
      types ? [...types].sort().join(',') : '*',
      modalities ? [...modalities].sort().join(',') : '*',
      validAt ? validAt.join('/') : '*',
    ].join(':');
    let loader = this.relationships.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.store.relationshipsOf(ids, { direction, types, modalities, validAt }, this.call));
      this.relationships.set(key, loader);
    }
    return loader.load(id);
  }
}
