import { randomUUID } from 'node:crypto';
import type { ChangeRecord, NewChange, RequestKey } from '../changes/change';
import type { Committed, Intent, ReadRequest, TxView } from '../changes/reads';
import { DomainError, StaleGraphError } from '../domain/errors';
import type { GraphStore } from '../store/store';
import type { DocumentTexts } from './document-text';
import type { Curation } from './draft';
import { layDown } from './lay-down';
import { planCuration, readsOf, type Planned } from './plan-curation';

/** Laying the graph down and trying again when it was being laid down (a seed's reload, an unmerge), at most this many times. */
const ATTEMPTS = 10;

/** One curation of a commit: its request key, and whether the key was drawn here (known to no one else). */
interface Entry {
  curation: Curation;
  key: RequestKey;
  own: boolean;
}

const entryOf = (curation: Curation): Entry => ({
  curation,
  key: { key: `${curation.actor}\n${curation.key ?? `~${randomUUID()}`}`, digest: curation.digest },
  own: curation.key === undefined,
});

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
  const [outcome] = await commitTogether(store, texts, [entryOf(curation)]);
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}

/**
 * Several curations in one commit, each planned on what the ones before it left, each its
 * own changes: the answer of each, or the error its own plan threw (the others commit
 * without it). An error of the commit itself (the database) is every one's.
 */
async function commitTogether(store: GraphStore, texts: DocumentTexts, entries: Entry[]): Promise<(Committed | Error)[]> {
  const now = () => new Date().toISOString();
  const reads = union(entries.map((e) => readsOf(e.curation, e.key.key, texts)));
  let outcomes: (Intent[] | ChangeRecord[] | Error)[] = [];
  const plan = (view: TxView) => {
    // Pure over the view: the store may run it again (after a NotRead, or a retry).
    outcomes = [];
    let before: Planned = { state: view, added: new Map() };
    const intents: Intent[] = [];
    for (const entry of entries) {
      try {
        const planned = planCuration(view, entry.curation, entry.key, texts, now(), before);
        if ('replay' in planned) {
          outcomes.push(planned.replay);
          continue;
        }
        outcomes.push(planned.intents);
        intents.push(...planned.intents);
        before = planned.after;
      } catch (error) {
        if (!(error instanceof DomainError) || entries.length === 1) throw error;
        outcomes.push(error);
      }
    }
    return intents.length > 0 ? intents : { replay: [] };
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const committed = await store.commit({ reads, plan });
      if (!committed.replayed && committed.changes.some((c) => c.op.kind === 'UNMERGE')) await layDown(store);
      let next = 0;
      return outcomes.map((outcome, i) => {
        if (outcome instanceof Error) return outcome;
        if (outcome.length > 0 && 'delta' in outcome[0]!) {
          const changes = committed.changes.slice(next, (next += outcome.length));
          return { ...committed, changes, replayed: false };
        }
        // Changes found under the key: another's retry, or (a key drawn here) this commit's own, whose answer was lost.
        return { changes: outcome as ChangeRecord[], replayed: !entries[i]!.own, entities: new Map(), relationships: new Map() };
      });
    } catch (error) {
      if (!(error instanceof StaleGraphError) || attempt >= ATTEMPTS) throw error;
      await layDown(store);
    }
  }
}

/** What several commits' reads ask, as one request. */
function union(requests: ReadRequest[]): ReadRequest {
  if (requests.length === 1) return requests[0]!;
  const all = <K extends keyof ReadRequest>(k: K) => requests.flatMap((r) => (r[k] ?? []) as never[]);
  return {
    entities: all('entities'), relationships: all('relationships'), around: all('around'), between: all('between'),
    texts: all('texts'), keys: all('keys'), log: requests.some((r) => r.log),
  };
}

/** Requests of one commit, at most: a batch of applyChanges is as large. */
const GROUP_REQUESTS = 500;

/**
 * Curations of one server, committed together when they come while a commit is running:
 * the first goes at once; those that arrive meanwhile wait for it and then share the next
 * commit (as a database's group commit shares a log flush). On a store where each commit
 * costs round trips and a flush under the log's lock, eight editors then cost about one
 * commit, not eight. An unmerge goes alone (the graph is laid down after it), and so does a
 * curation whose idempotency key one in the commit already has.
 */
export class Curator {
  private waiting: { entry: Entry; resolve: (c: Committed) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly store: GraphStore, readonly texts: DocumentTexts) {}

  curate(curation: Curation): Promise<Committed> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry: entryOf(curation), resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.next();
        try {
          const outcomes = await commitTogether(this.store, this.texts, group.map((g) => g.entry));
          group.forEach((g, i) => (outcomes[i] instanceof Error ? g.reject(outcomes[i]) : g.resolve(outcomes[i] as Committed)));
        } catch (error) {
          for (const g of group) g.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The curations of the next commit, in the order they came. */
  private next() {
    const alone = (e: Entry) => e.curation.requests.some((r) => r.draft.kind === 'UNMERGE');
    const group = [this.waiting.shift()!];
    if (alone(group[0]!.entry)) return group;
    const keys = new Set([group[0]!.entry.key.key]);
    let size = group[0]!.entry.curation.requests.length;
    for (let i = 0; i < this.waiting.length; ) {
      const w = this.waiting[i]!;
      const n = w.entry.curation.requests.length;
      if (alone(w.entry) || keys.has(w.entry.key.key) || size + n > GROUP_REQUESTS) break;
      group.push(w);
      keys.add(w.entry.key.key);
      size += n;
      this.waiting.splice(i, 1);
    }
    return group;
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
