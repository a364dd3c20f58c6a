import { checkRange, LIMITS } from '../domain/limits';
import type { Entity, Relationship } from '../domain/model';
import { CURATION_DATASET, type ChangeRecord, type ChangeTarget, type TargetKind } from '../changes/change';
import type { ChangeQuery } from '../store/store';
import { connection } from './connection';
import { decodeCursor, encodeCursor } from './cursors';
import type { Context } from './context';
import { compareIds } from '../domain/order';

/*
 * The change log over GraphQL: `changes` (everything, oldest first, resumable), a record's
 * `history` (newest first), `version`, `datasets` and `mergedFrom`, and the Change type. Under
 * `asOf` the log is read up to the change the graph reflects.
 */

const MAX_TARGETS = 1000;

/** The log as far as the context's graph goes. */
const upTo = (ctx: Context): Pick<ChangeQuery, 'through'> => (ctx.asOfChange !== undefined ? { through: ctx.asOfChange } : {});

/** A change as the API shows it: `by` is its actor. */
export const changeFields = {
  by: (c: ChangeRecord) => c.actor,
  targetCount: (c: ChangeRecord & { targetCount?: number }) => c.targetCount ?? c.targets.length,
  targets: (c: ChangeRecord, a: { first: number }) => c.targets.slice(0, checkRange('first', a.first, 1, MAX_TARGETS)),
};

async function history(ctx: Context, kind: TargetKind, id: string, a: { first: number; after?: string | null }) {
  const first = checkRange('first', a.first, 1, LIMITS.maxFirst);
  const before = a.after ? decodeCursor('change', a.after) : undefined;
  const changes = await ctx.log.listChanges({ target: { kind, id }, newestFirst: true, first: first + 1, before, ...upTo(ctx) });
  const edges = changes.slice(0, first).map((change) => {
    const target = change.targets[0] as ChangeTarget | undefined;
    return { cursor: encodeCursor('change', change.seq), node: { change, before: target?.before ?? null, after: target?.after ?? null } };
  });
  return connection(edges, 0, changes.length > first, a.after);
}

/** Fields every entity type has beyond its facts. */
export const entityRecordFields = {
  version: (e: Entity) => e.record?.version ?? 0,
  datasets: (e: Entity) => e.record?.datasets ?? [],
  mergedFrom: (e: Entity) => e.record?.mergedFrom ?? [],
  history: (e: Entity, a: { first: number; after?: string | null }, ctx: Context) => history(ctx, 'ENTITY', e.id, a),
};

export const relationshipRecordFields = {
  version: (r: Relationship) => r.record?.version ?? 0,
  datasets: (r: Relationship) => r.record?.datasets ?? [],
  history: (r: Relationship, a: { first: number; after?: string | null }, ctx: Context) => history(ctx, 'RELATIONSHIP', r.id, a),
};

export const historyQueries = {
  changes: async (_: unknown, a: { since?: Date | null; first: number; after?: string | null }, ctx: Context) => {
    const first = checkRange('first', a.first, 1, LIMITS.maxFirst);
    const after = a.after ? decodeCursor('change', a.after) : undefined;
    const changes = await ctx.log.listChanges({ after, since: a.since ? a.since.toISOString() : undefined, first: first + 1 });
    const edges = changes.slice(0, first).map((node) => ({ cursor: encodeCursor('change', node.seq), node }));
    return connection(edges, 0, changes.length > first, a.after);
  },

  change: async (_: unknown, a: { seq: number }, ctx: Context) => {
    const [change] = await ctx.log.listChanges({ after: a.seq - 1, through: a.seq });
    return change ?? null;
  },

  datasets: async (_: unknown, __: unknown, ctx: Context) => {
    const loads = await ctx.log.listChanges({ kinds: ['LOAD'], targets: false });
    const last = new Map<string, ChangeRecord>();
    for (const c of loads) last.set(c.dataset, c);
    const [edit] = await ctx.log.listChanges({ kinds: ['ADD_DOCUMENT', 'CREATE_ENTITY', 'UPDATE_ENTITY', 'ADD_RELATIONSHIP', 'UPDATE_RELATIONSHIP', 'RETRACT', 'ADD_CITATION', 'MERGE', 'UNMERGE'], newestFirst: true, first: 1, targets: false });
    const seeds = [...last.values()].filter((c) => c.op.kind === 'LOAD' && c.op.version !== null).map((c) => ({ name: c.dataset, seq: c.seq }));
    return [...seeds.sort((x, y) => compareIds(x.name, y.name)), { name: CURATION_DATASET, seq: edit?.seq ?? null }];
  },
};

export const datasetFields = {
  lastChange: (d: { seq: number | null }, _: unknown, ctx: Context) => (d.seq === null ? null : historyQueries.change(null, { seq: d.seq }, ctx)),
};
