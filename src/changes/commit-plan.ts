import { StaleGraphError } from '../domain/errors';
import type { Entity, Relationship } from '../domain/model';
import type { ChangeRecord, GraphDelta } from './change';
import type { Intent, LogEnd } from './reads';
import { graphVersionAt, stamp } from './versions';

/** A dataset's last LOAD: the version of the file it recorded (null: the file is gone) and its change. */
export interface DatasetHead {
  dataset: string;
  version: string | null;
  seq: number;
}

/** What a store writes for one commit, all in its one transaction. */
export interface CommitPlan {
  /** The changes to append, numbered and timed. */
  changes: ChangeRecord[];
  /** The graph's writes, every record stamped with the number of the last change of this commit that wrote it; null: none. */
  writes: GraphDelta | null;
  /** The graph's version after the writes (null: left as it is). */
  graphVersion: string | null;
  /** The dataset heads the commit's LOADs move. */
  heads: DatasetHead[];
}

/**
 * The commit protocol, once for every store: the changes are numbered on from the log's end
 * and timed now, never before the last change (so that by time is by number); a commit that
 * writes to the graph needs a graph that reflects the whole log, else StaleGraphError (it is
 * being laid down again: try again after); the writes of changes that touch one record
 * twice keep the last. The store executes the plan: its SQL or Cypher says only how.
 */
export function planCommit(end: LogEnd, intents: readonly Intent[], now: string): CommitPlan {
  if (intents.length === 0) throw new Error('A commit appends at least one change.');
  const writes = intents.some((i) => i.delta !== null);
  if (writes && end.graphVersion !== graphVersionAt(end.seq)) {
    throw new StaleGraphError('The graph is being laid down again from the change log; the change was not made.');
  }
  const at = end.at !== null && end.at > now ? end.at : now;
  const changes = intents.map((intent, i): ChangeRecord => ({ ...intent.change, seq: end.seq + 1 + i, at }));
  const entities = new Map<string, Entity | null>();
  const relationships = new Map<string, Relationship | null>();
  const heads: DatasetHead[] = [];
  intents.forEach(({ change, delta }, i) => {
    const seq = changes[i]!.seq;
    if (change.op.kind === 'LOAD') heads.push({ dataset: change.op.dataset, version: change.op.version, seq });
    if (!delta) return;
    for (const id of delta.removeRelationships) relationships.set(id, null);
    for (const id of delta.removeEntities) entities.set(id, null);
    for (const e of delta.putEntities) entities.set(e.id, stamp(e, seq));
    for (const r of delta.putRelationships) relationships.set(r.id, stamp(r, seq));
  });
  const put = <T>(m: Map<string, T | null>) => [...m.values()].filter((v): v is T => v !== null);
  const removed = <T>(m: Map<string, T | null>) => [...m].filter(([, v]) => v === null).map(([id]) => id);
  return {
    changes,
    writes: writes ? { putEntities: put(entities), removeEntities: removed(entities), putRelationships: put(relationships), removeRelationships: removed(relationships) } : null,
    graphVersion: writes ? graphVersionAt(changes.at(-1)!.seq) : null,
    heads,
  };
}
