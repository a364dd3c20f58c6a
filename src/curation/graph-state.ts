import type { ChangeTarget, GraphDelta } from '../changes/change';
import { stamp } from '../changes/versions';
import { canonical } from '../domain/canonical';
import type { Entity, Relationship } from '../domain/model';
import { compareIds } from '../domain/order';

/**
 * The graph an operation reads, synchronously: the whole graph (fold.ts) or what a commit's
 * transaction reads (a TxView, src/changes/reads.ts, which has these and more).
 */
export interface GraphState {
  entity(id: string): Entity | null;
  relationship(id: string): Relationship | null;
  /** The current relationships with `id` at either end, by id. */
  relationshipsOf(id: string): Relationship[];
  /** The current relationships joining `a` and `b`, either way, by id. */
  relationshipsBetween(a: string, b: string): Relationship[];
  /** The current entity an id no longer current was merged into (through a chain), or null. */
  mergedInto(id: string): string | null;
}

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
const joins = (r: Relationship, a: string, b: string) => (r.from === a && r.to === b) || (r.from === b && r.to === a);

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

  entity(id: string): Entity | null {
    const own = this.entities.get(id);
    return own === undefined ? this.base.entity(id) : own;
  }

  relationship(id: string): Relationship | null {
    const own = this.relationships.get(id);
    return own === undefined ? this.base.relationship(id) : own;
  }

  relationshipsOf(id: string): Relationship[] {
    return this.overlaid(this.base.relationshipsOf(id), (r) => r.from === id || r.to === id);
  }

  relationshipsBetween(a: string, b: string): Relationship[] {
    return this.overlaid(this.base.relationshipsBetween(a, b), (r) => joins(r, a, b));
  }

  /** `read`, with this operation's writes over it: those removed, or no longer matching `keep`, left out. */
  private overlaid(read: Relationship[], keep: (r: Relationship) => boolean): Relationship[] {
    const found = new Map(read.map((r) => [r.id, r]));
    for (const [rid, r] of this.relationships) {
      if (r !== null && keep(r)) found.set(rid, r);
      else found.delete(rid);
    }
    return [...found.values()].sort(byId);
  }

  mergedInto(id: string): string | null {
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

  private remember(key: string, read: () => Entity | Relationship | null): void {
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
  return canonical(bare(a)) === canonical(bare(b)) && canonical(a?.record?.datasets ?? null) === canonical(b?.record?.datasets ?? null) &&
    canonical(a?.record?.mergedFrom ?? null) === canonical(b?.record?.mergedFrom ?? null);
}

/** The whole graph in memory, for fold.ts. */
export class MemoryState implements GraphState {
  readonly entities = new Map<string, Entity>();
  readonly relationships = new Map<string, Relationship>();
  private readonly byEnd = new Map<string, Set<string>>();
  readonly merged = new Map<string, string>();

  entity(id: string) { return this.entities.get(id) ?? null; }
  relationship(id: string) { return this.relationships.get(id) ?? null; }
  relationshipsOf(id: string) {
    return [...(this.byEnd.get(id) ?? [])].sort(compareIds).map((rid) => this.relationships.get(rid)!);
  }
  relationshipsBetween(a: string, b: string) {
    return this.relationshipsOf(a).filter((r) => joins(r, a, b));
  }
  mergedInto(id: string): string | null {
    let at = this.merged.get(id);
    for (let hops = 0; at !== undefined && this.merged.has(at) && hops < 1000; hops++) at = this.merged.get(at);
    return at ?? null;
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
