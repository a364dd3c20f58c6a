import { CURATION_DATASET, type ChangeRecord, type ChangeTarget, type RequestKey, type TargetKind } from '../changes/change';
import type { Intent, TxView } from '../changes/reads';
import { canonical } from '../domain/canonical';
import { NotFoundError } from '../domain/errors';
import type { Entity, Relationship } from '../domain/model';
import { compareIds } from '../domain/order';
import type { CurationRequest } from './draft';
import { fold } from './fold';
import { bare } from './graph-state';

/**
 * Undoing the last merge of `from`, planned on the log its transaction read (so that no
 * change can come between what it undoes and its commit): its change, whose targets are
 * what folding the log without that merge changes. It writes nothing to the graph itself:
 * curate.ts lays the graph down again after it, so both entities are as they would be had
 * the merge never happened, with every later change to either kept.
 */
export function planUnmerge(view: TxView, actor: string, request: CurationRequest, key: RequestKey): Intent {
  if (request.draft.kind !== 'UNMERGE') throw new Error('planUnmerge plans an UNMERGE.');
  const from = request.draft.from;
  const changes = view.log();
  const undone = new Set(changes.flatMap((c) => (c.op.kind === 'UNMERGE' ? [c.op.merge] : [])));
  const merge = [...changes].reverse().find((c) => c.op.kind === 'MERGE' && c.op.from === from && !undone.has(c.seq));
  if (!merge || view.mergedInto(from) === null) {
    throw new NotFoundError(`Input field "${request.path}.id": no merge of "${from}" to undo: it is not merged into another entity.`, `${request.path}.id`);
  }
  const op = { kind: 'UNMERGE' as const, from, merge: merge.seq };
  const change = { kind: 'UNMERGE' as const, actor, dataset: CURATION_DATASET, reason: request.reason, citations: request.citations, op, requestKey: key };
  const next: ChangeRecord = { ...change, seq: view.end.seq + 1, at: view.end.at ?? '', targets: [] };
  const before = fold(changes).graph;
  const after = fold([...changes, next]).graph;
  return { change: { ...change, targets: [...diff(before.entities, after.entities, 'ENTITY'), ...diff(before.relationships, after.relationships, 'RELATIONSHIP')] }, delta: null };
}

function diff(a: (Entity | Relationship)[], b: (Entity | Relationship)[], kind: TargetKind): ChangeTarget[] {
  const x = new Map(a.map((r) => [r.id, r]));
  const y = new Map(b.map((r) => [r.id, r]));
  const out: ChangeTarget[] = [];
  for (const id of [...new Set([...x.keys(), ...y.keys()])].sort(compareIds)) {
    const before = bare(x.get(id) ?? null);
    const after = bare(y.get(id) ?? null);
    if (canonical(before) !== canonical(after) || canonical(x.get(id)?.record?.mergedFrom) !== canonical(y.get(id)?.record?.mergedFrom)) {
      out.push({ kind, id, before, after });
    }
  }
  return out;
}
