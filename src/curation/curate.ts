import { randomUUID } from 'node:crypto';
import type { ChangeRecord, NewChange, RequestKey } from '../changes/change';
import type { Committed } from '../changes/reads';
import { StaleGraphError } from '../domain/errors';
import type { GraphStore } from '../store/store';
import type { DocumentTexts } from './document-text';
import type { Curation } from './draft';
import { layDown } from './lay-down';
import { planCuration, readsOf } from './plan-curation';

/** Laying the graph down and trying again when it was being laid down (a seed's reload, an unmerge), at most this many times. */
const ATTEMPTS = 10;

/**
 * Makes a curation's changes through a store, in one commit: the store's transaction holds
 * the log's lock, reads what the requests need, plans them on what it read
 * (plan-curation.ts) and writes the plan, so no other commit comes between the read and
 * the write and no edit is lost: two editors of one record each have theirs merged into
 * what the other left. Every commit carries a request key, the caller's idempotency key
 * or one drawn here: a commit the database made but whose answer was lost (a dropped
 * connection, retried by the store) is found under its key instead of being made twice.
 */
export async function curate(store: GraphStore, texts: DocumentTexts, curation: Curation): Promise<Committed> {
  const key: RequestKey = { key: `${curation.actor}\n${curation.key ?? `~${randomUUID()}`}`, digest: curation.digest };
  // A key drawn here is known to no one else: its changes found again are this call's own commit, whose answer was lost.
  const own = curation.key === undefined;
  const work = {
    reads: readsOf(curation, key.key, texts),
    plan: (view: Parameters<typeof planCuration>[0]) => planCuration(view, curation, key, texts, new Date().toISOString()),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const found = await store.commit(work);
      const committed = own ? { ...found, replayed: false } : found;
      if (!committed.replayed && committed.changes.some((c) => c.op.kind === 'UNMERGE')) await layDown(store);
      return committed;
    } catch (error) {
      if (!(error instanceof StaleGraphError) || attempt >= ATTEMPTS) throw error;
      await layDown(store);
    }
  }
}

/**
 * Appends a change that writes nothing to the graph itself (a seed file's LOAD): the graph is
 * laid down again after it (lay-down.ts). Its transaction may take as long as a load.
 */
export async function appendChange(store: GraphStore, change: NewChange): Promise<ChangeRecord> {
  const { changes } = await store.commit({ reads: {}, plan: () => [{ change, delta: null }], long: true });
  return changes[0]!;
}
