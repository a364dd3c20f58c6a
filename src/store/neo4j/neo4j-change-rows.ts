import neo4j from 'neo4j-driver';
import type { ChangeRecord, ChangeTarget, TargetKind } from '../../changes/change';
import type { Entity, Relationship } from '../../domain/model';
import { compareIds } from '../../domain/order';
import type { ChangeQuery } from '../store';
import type { QueryName } from './cypher-queries';
import { toRelationship, type RelationshipMap } from './neo4j-rows';
import type { Row } from './neo4j-runner';

/** The bound of listChanges' range seek when no number bounds it from above. */
const NO_BOUND = Number.MAX_SAFE_INTEGER;
const int = (n: number) => neo4j.int(n);
const parse = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as Entity | Relationship) : null);

/** The query of listChanges and its parameters: from a record's targets when `target` is given, else a range of numbers. */
export function changesQuery(q: ChangeQuery): { name: QueryName; params: Row } {
  const uppers = [q.before === undefined ? NO_BOUND : Math.ceil(q.before), q.through === undefined ? NO_BOUND : Math.floor(q.through) + 1];
  const params: Row = {
    after: int(q.after === undefined ? 0 : Math.floor(q.after)),
    before: int(Math.min(...uppers)),
    since: q.since ?? null,
    until: q.until ?? null,
    kinds: q.kinds ? [...q.kinds] : null,
    sign: int(q.newestFirst ? -1 : 1),
    limit: int(q.first === undefined ? NO_BOUND : Math.max(0, Math.floor(q.first))),
    targets: q.targets !== false,
  };
  if (!q.target) return { name: 'list-changes', params };
  return { name: 'list-changes-of-target', params: { ...params, targetKind: q.target.kind, targetId: q.target.id } };
}

type TargetList = [kind: TargetKind, id: string, before: string | null, after: string | null];

/** A row of list-changes.cypher as a ChangeRecord, its targets by kind then id. */
export function toChangeRecord(r: Row): ChangeRecord {
  const targets: ChangeTarget[] = (r.targets as TargetList[])
    .map(([kind, id, before, after]) => ({ kind, id, before: parse(before), after: parse(after) }))
    .sort((a, b) => compareIds(a.kind, b.kind) || compareIds(a.id, b.id));
  return {
    seq: Number(r.seq),
    at: r.at as string,
    actor: r.actor as string,
    kind: r.kind as ChangeRecord['kind'],
    dataset: r.dataset as string,
    reason: (r.reason as string | null) ?? null,
    citations: JSON.parse(r.citations as string),
    op: JSON.parse(r.op as string),
    targets,
    ...(typeof r.requestKey === 'string' ? { requestKey: { key: r.requestKey, digest: (r.requestDigest as string | null) ?? '' } } : {}),
  };
}

/** The rows of get-relationships.cypher as relationships, in the order asked, null for ids not found. */
export function relationshipsInOrder(ids: readonly string[], found: Row[]): (Relationship | null)[] {
  const byId = new Map(found.map((r) => toRelationship(r.relationship as RelationshipMap)).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
