import type { Entity, Relationship } from '../domain/model';
import type { ChangeTarget, GraphDelta } from './change';

/** The graph an operation reads, synchronously: the whole graph (fold.ts) or the part a mutation read from its store (curate.ts). */
export interface GraphState {
  entity(id: string): Entity | undefined;
  relationship(id: string): Relationship | undefined;
  /** The current relationships with `id` at either end. */
  relationshipsOf(id: string): Relationship[];
  /** The current entity an id no longer current was merged into (through a chain), or undefined. */
  mergedInto(id: string): string | undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * Reads through to a GraphState and keeps the writes of one operation: later reads of the
 * operation see them, and `delta()` and `targets()` say what changed, each record once,
 * with what it was before the operation.
 */
export class Writes implements GraphState {
  private readonly entities = new Map<string, Entity | null>();
  private readonly relationships = new Map<string, Relationship | null>();
  private readonly before = new Map<string, Entity | Relationship | null>();
  private readonly merged = new Map<string, string>();

  constructor(private readonly base: GraphState) {}

  entity(id: string): Entity | undefined {
    const own = this.entities.get(id);
    return own === null ? undefined : (own ?? this.base.entity(id));
  }

  relationship(id: string): Relationship | undefined {
    const own = this.relationships.get(id);
    return own === null ? undefined : (own ?? this.base.relationship(id));
  }

  relationshipsOf(id: string): Relationship[] {
    const byId = new Map(this.base.relationshipsOf(id).map((r) => [r.id, r]));
    for (const [rid, r] of this.relationships) {
      if (r === null) byId.delete(rid);
      else if (r.from === id || r.to === id) byId.set(rid, r);
      else byId.delete(rid);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  mergedInto(id: string): string | undefined {
    return this.merged.get(id) ?? this.base.mergedInto(id);
  }

  putEntity(entity: Entity): void {
    this.remember(`e:${entity.id}`, () => this.entity(entity.id));
    this.entities.set(entity.id, entity);
  }

  removeEntity(id: string): void {
    this.remember(`e:${id}`, () => this.entity(id));
    this.entities.set(id, null);
  }

  putRelationship(relationship: Relationship): void {
    this.remember(`r:${relationship.id}`, () => this.relationship(relationship.id));
    this.relationships.set(relationship.id, relationship);
  }

  removeRelationship(id: string): void {
    this.remember(`r:${id}`, () => this.relationship(id));
    this.relationships.set(id, null);
  }

  /** Records that `from` (and what was merged into it) now stands for `into`. */
  setMerged(from: string, into: string): void {
    this.merged.set(from, into);
  }

  /** The merges this operation made, `[from, into]`. */
  merges(): [string, string][] {
    return [...this.merged];
  }

  delta(): GraphDelta {
    const put = <T>(m: Map<string, T | null>) => [...m.values()].filter((v): v is T => v !== null);
    const removed = <T>(m: Map<string, T | null>) => [...m].filter(([, v]) => v === null).map(([id]) => id);
    return {
      putEntities: put(this.entities),
      removeEntities: removed(this.entities),
      putRelationships: put(this.relationships),
      removeRelationships: removed(this.relationships),
    };
  }

  /** Every record written, before and after, entities first; records written back unchanged are left out. */
  targets(): ChangeTarget[] {
    const out: ChangeTarget[] = [];
    for (const [id, after] of this.entities) {
      const before = (this.before.get(`e:${id}`) ?? null) as Entity | null;
      if (!same(before, after)) out.push({ kind: 'ENTITY', id, before: bare(before), after: bare(after) });
    }
    for (const [id, after] of this.relationships) {
      const before = (this.before.get(`r:${id}`) ?? null) as Relationship | null;
      if (!same(before, after)) out.push({ kind: 'RELATIONSHIP', id, before: bare(before), after: bare(after) });
    }
    return out;
  }

  private remember(key: string, read: () => Entity | Relationship | undefined): void {
    if (!this.before.has(key)) this.before.set(key, clone(read() ?? null));
  }
}

/** A record without its bookkeeping, as the history shows it. */
export function bare<T extends Entity | Relationship>(record: T | null): T | null {
  if (!record) return null;
  const { record: _, ...rest } = record;
  return rest as T;
}

function same(a: Entity | Relationship | null, b: Entity | Relationship | null): boolean {
  return JSON.stringify(bare(a)) === JSON.stringify(bare(b)) && JSON.stringify(a?.record?.datasets ?? null) === JSON.stringify(b?.record?.datasets ?? null) &&
    JSON.stringify(a?.record?.mergedFrom ?? null) === JSON.stringify(b?.record?.mergedFrom ?? null);
}

/** The whole graph in memory, for fold.ts. */
export class MemoryState implements GraphState {
  readonly entities = new Map<string, Entity>();
  readonly relationships = new Map<string, Relationship>();
  private readonly byEnd = new Map<string, Set<string>>();
  readonly merged = new Map<string, string>();

  entity(id: string) { return this.entities.get(id); }
  relationship(id: string) { return this.relationships.get(id); }
  relationshipsOf(id: string) {
    return [...(this.byEnd.get(id) ?? [])].sort().map((rid) => this.relationships.get(rid)!);
  }
  mergedInto(id: string): string | undefined {
    let at = this.merged.get(id);
    for (let hops = 0; at !== undefined && this.merged.has(at) && hops < 1000; hops++) at = this.merged.get(at);
    return at;
  }

  putEntity(e: Entity): void { this.entities.set(e.id, e); }
  removeEntity(id: string): void { this.entities.delete(id); }
  putRelationship(r: Relationship): void {
    this.removeRelationship(r.id);
    this.relationships.set(r.id, r);
    for (const end of [r.from, r.to]) {
      if (!this.byEnd.has(end)) this.byEnd.set(end, new Set());
      this.byEnd.get(end)!.add(r.id);
    }
  }
  removeRelationship(id: string): void {
    const old = this.relationships.get(id);
    if (!old) return;
    this.relationships.delete(id);
    this.byEnd.get(old.from)?.delete(id);
    this.byEnd.get(old.to)?.delete(id);
  }

  /** Applies the writes of one operation, each record stamped with `version`. */
  apply(delta: GraphDelta, merges: [string, string][], version: number): void {
    for (const id of delta.removeRelationships) this.removeRelationship(id);
    for (const id of delta.removeEntities) this.removeEntity(id);
    for (const e of delta.putEntities) this.putEntity(stamp(e, version));
    for (const r of delta.putRelationships) this.putRelationship(stamp(r, version));
    for (const [from, into] of merges) this.merged.set(from, into);
  }
}

/** The record with its version set to the change's number. */
export function stamp<T extends Entity | Relationship>(record: T, version: number): T {
  return { ...record, record: { datasets: [], ...record.record, version } };
}
