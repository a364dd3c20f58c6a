import { ConflictError, NotFoundError } from '../domain/errors';
import type { Citation, Entity, Name, Relationship } from '../domain/model';
import { DEFAULT_MODALITY, isSymmetric } from '../domain/vocabulary';
import { CURATION_DATASET, type Operation, type PropertyPatch, type TargetKind } from '../changes/change';
import type { Writes } from './graph-state';

/**
 * Does one operation on a graph (all of it in fold.ts, the part a mutation read in
 * curate.ts): the one place where what each change does is written. Reads and writes go
 * through `w`; a target that is not current throws NotFoundError, an id already taken
 * ConflictError. LOAD is not an operation on records (fold.ts lays the datasets down).
 */
export function applyOperation(op: Operation, w: Writes): void {
  switch (op.kind) {
    case 'LOAD':
      return;
    case 'ADD_DOCUMENT':
    case 'CREATE_ENTITY':
      return create(w, op.entity);
    case 'UPDATE_ENTITY': {
      const e = currentEntity(w, op.id);
      const next: Entity = { ...e, ...op.set, sources: withCitations(e.sources, op.citations) };
      if (op.properties) next.properties = patched(next.properties, op.properties);
      return w.putEntity(curated(next));
    }
    case 'ADD_RELATIONSHIP': {
      const { modality, ...rest } = op.relationship;
      return addRelationship(w, modality === undefined || modality === DEFAULT_MODALITY ? rest : op.relationship);
    }
    case 'UPDATE_RELATIONSHIP': {
      const r = currentRelationship(w, op.id);
      const { clear, ...set } = op.set;
      const next: Relationship = { ...r, ...set, sources: withCitations(r.sources, op.citations) };
      if (op.properties) next.properties = patched(next.properties, op.properties);
      for (const key of clear ?? []) delete next[key];
      if (next.modality === DEFAULT_MODALITY) delete next.modality;
      return w.putRelationship(curated(next));
    }
    case 'RETRACT':
      if (op.target === 'RELATIONSHIP') return w.removeRelationship(currentRelationship(w, op.id).id);
      currentEntity(w, op.id);
      for (const r of w.relationshipsOf(op.id)) w.removeRelationship(r.id);
      return w.removeEntity(op.id);
    case 'ADD_CITATION': {
      const record = current(w, op.target, op.id);
      if (op.target === 'ENTITY') return w.putEntity(curated({ ...(record as Entity), sources: withCitations(record.sources, [op.citation]) }));
      return w.putRelationship(curated({ ...(record as Relationship), sources: withCitations(record.sources, [op.citation]) }));
    }
    case 'MERGE':
      return merge(w, op.into, op.from);
    case 'UNMERGE':
      // Undoing a merge lays the graph down again without it (fold.ts): no write of its own here.
      return;
  }
}

/** Properties with a patch merged in: its own set, its removals gone, every other kept as it is now. */
function patched<T extends Record<string, unknown>>(current: T, patch: PropertyPatch): T {
  const next: Record<string, unknown> = { ...current, ...patch.set };
  for (const key of patch.remove) delete next[key];
  return next as T;
}

/** The current entity of that id, or NotFoundError (an id merged away names the one it was merged into). */
export function currentEntity(w: Writes, id: string): Entity {
  const e = w.entity(id);
  if (e) return e;
  const into = w.mergedInto(id);
  throw new NotFoundError(into ? `Entity "${id}" was merged into "${into}": change "${into}".` : `No current entity with id "${id}".`, 'id');
}

export function currentRelationship(w: Writes, id: string): Relationship {
  const r = w.relationship(id);
  if (!r) throw new NotFoundError(`No current relationship with id "${id}".`, 'id');
  return r;
}

function current(w: Writes, kind: TargetKind, id: string): Entity | Relationship {
  return kind === 'ENTITY' ? currentEntity(w, id) : currentRelationship(w, id);
}

function create(w: Writes, entity: Entity): void {
  if (w.entity(entity.id)) throw new ConflictError(`An entity with id "${entity.id}" exists already; update it, or choose another id.`, 'id');
  const into = w.mergedInto(entity.id);
  if (into) throw new ConflictError(`The id "${entity.id}" names the entity "${into}" it was merged into; choose another id.`, 'id');
  w.putEntity(curated(entity));
}

function addRelationship(w: Writes, r: Relationship): void {
  for (const end of ['from', 'to'] as const) {
    if (!w.entity(r[end])) throw new NotFoundError(`No current entity with id "${r[end]}" (argument "${end}").`, end);
  }
  if (w.relationship(r.id)) throw new ConflictError(`The relationship "${r.id}" exists already; update it or cite it again.`, 'id');
  const twin = sameLink(w.relationshipsBetween(r.from, r.to), r);
  if (twin) throw new ConflictError(`The relationship "${twin.id}" states this already; update it or cite it again.`, 'type');
  w.putRelationship(curated(r));
}

/** A relationship of `among` of r's type joining r's ends the same way (either way for a symmetric type). */
function sameLink(among: Relationship[], r: Relationship): Relationship | undefined {
  return among.find((o) => o.id !== r.id && o.type === r.type &&
    ((o.from === r.from && o.to === r.to) || (isSymmetric(r.type) && o.from === r.to && o.to === r.from)));
}

/**
 * `from` stops being current and `into` takes its names (its label as an alias), citations,
 * datasets and relationships, each re-pointed to `into`: one joining the two is dropped, one
 * `into` states already gives its citations to it. `from`'s properties fill those `into` lacks.
 */
function merge(w: Writes, intoId: string, fromId: string): void {
  if (intoId === fromId) throw new ConflictError(`Cannot merge "${fromId}" into itself.`, 'from');
  const into = currentEntity(w, intoId);
  const from = currentEntity(w, fromId);
  const names = dedupeNames([...into.names, { text: from.label, language: from.names[0]?.language ?? 'fr', kind: 'ALIAS' }, ...from.names])
    .filter((n) => n.text !== into.label);
  w.putEntity(curated({
    ...into,
    names,
    properties: { ...from.properties, ...into.properties },
    sources: withCitations(into.sources, from.sources),
    record: {
      version: into.record?.version ?? 0,
      datasets: union(into.record?.datasets, from.record?.datasets),
      mergedFrom: union(into.record?.mergedFrom, [fromId, ...(from.record?.mergedFrom ?? [])]),
    },
  }));
  for (const r of w.relationshipsOf(fromId)) {
    const moved: Relationship = { ...r, from: r.from === fromId ? intoId : r.from, to: r.to === fromId ? intoId : r.to };
    if (moved.from === moved.to) {
      w.removeRelationship(r.id);
      continue;
    }
    const twin = sameLink(w.relationshipsBetween(moved.from, moved.to), moved);
    if (twin) {
      w.removeRelationship(r.id);
      w.putRelationship({ ...twin, sources: withCitations(twin.sources, r.sources), record: { version: twin.record?.version ?? 0, datasets: union(twin.record?.datasets, r.record?.datasets) } });
    } else {
      w.putRelationship(moved);
    }
  }
  w.removeEntity(fromId);
  w.setMerged(fromId, intoId);
}

/** The record, stated (also) by the curation dataset. */
function curated<T extends Entity | Relationship>(record: T): T {
  return { ...record, record: { version: record.record?.version ?? 0, ...record.record, datasets: union(record.record?.datasets, [CURATION_DATASET]) } };
}

const citationKey = (c: Citation) => `${c.document}\u0000${c.quote}\u0000${c.section ?? ''}`;

/** The citations of `a`, then those of `b` it lacks. */
export function withCitations(a: Citation[], b: Citation[]): Citation[] {
  const seen = new Set(a.map(citationKey));
  return [...a, ...b.filter((c) => !seen.has(citationKey(c)) && seen.add(citationKey(c)))];
}

function dedupeNames(names: Name[]): Name[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = `${n.text}\u0000${n.language}\u0000${n.kind}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

function union(a: string[] | undefined, b: string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort();
}
