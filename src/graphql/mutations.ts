import { createHash } from 'node:crypto';
import type { ChangeRecord, TargetKind } from '../changes/change';
import type { Committed } from '../changes/reads';
import { Curator } from '../curation/curate';
import { DocumentTexts } from '../curation/document-text';
import type { CurationRequest, Draft } from '../curation/draft';
import { canonical } from '../domain/canonical';
import { BadInputError } from '../domain/errors';
import { CURATION_LIMITS } from '../domain/limits';
import type { Entity, Relationship } from '../domain/model';
import type { Caller, Role } from '../domain/tokens';
import type { Context } from './context';
import {
  addDocumentDraft, addRelationshipDraft, citationOf, citationsOf, createEntityDraft, entityIdOf, idempotencyKeyOf, optionalReasonOf, reasonOf,
  updateEntityDraft, updateRelationshipDraft, type CitationInput,
} from './curation-inputs';
import { requireRole } from './require-role';

/*
 * The mutations. Each checks the caller's role once (`as`), its input's shape
 * (curation-inputs.ts, naming the field), and makes one commit through curate
 * (src/curation/curate.ts): the commit resolves ids, reads each record, checks citations
 * and versions, and writes, in one transaction. The answer is built from what the commit
 * wrote; the change is published to subscribers.
 */

type Common = { reason?: string | null; citations?: CitationInput[] | null; expectedVersion?: number | null; idempotencyKey?: string | null };
type Input<T> = { input: T & Common };

/** The change as subscribers get it: its targets capped, without the operation (which a LOAD makes large). */
export function feedChange(change: ChangeRecord) {
  return { ...change, op: undefined, targets: change.targets.slice(0, 1000), targetCount: change.targets.length };
}

/** A resolver that runs only for a caller with at least `role`: the role is checked here, once. */
const as = <I, R>(role: Role, run: (input: I, ctx: Context, caller: Caller) => Promise<R>) =>
  (_: unknown, args: { input: I }, ctx: Context) => run(args.input, ctx, requireRole(ctx, role));

/** What one input asks, with its own reason, citations and expected version, as one request of a commit. */
interface Part {
  draft: Draft;
  reason: string | null;
  citations: ReturnType<typeof citationsOf>;
  citationsPath: string;
  expectedVersion?: number;
}

/** The drafts of each mutation's input: the same whether it comes alone or in applyChanges. `p` is where the input is. */
const parts = {
  addDocument: (input: Parameters<typeof addDocumentDraft>[0] & Common, p: string): Part => ({ draft: addDocumentDraft(input, p), ...common(input, p, false) }),
  createEntity: (input: Parameters<typeof createEntityDraft>[0] & Common, p: string, fallback?: Part['citations']): Part => {
    const c = common(input, p, true, fallback);
    return { draft: createEntityDraft(input, c.citations, p), ...c };
  },
  updateEntity: (input: Parameters<typeof updateEntityDraft>[0] & Common, p: string, fallback?: Part['citations']): Part => ({ draft: updateEntityDraft(input, p), ...common(input, p, true, fallback) }),
  addRelationship: (input: Parameters<typeof addRelationshipDraft>[0] & Common, p: string, fallback?: Part['citations']): Part => {
    const c = common(input, p, true, fallback);
    return { draft: addRelationshipDraft(input, c.citations, p), ...c };
  },
  updateRelationship: (input: Parameters<typeof updateRelationshipDraft>[0] & Common, p: string, fallback?: Part['citations']): Part =>
    ({ draft: updateRelationshipDraft(input, p), ...common(input, p, true, fallback) }),
  retract: (input: { id: string; kind?: TargetKind | null } & Common, p: string): Part =>
    ({ draft: { kind: 'RETRACT', target: input.kind ?? null, id: entityIdOf(`${p}.id`, input.id) }, ...common(input, p, false) }),
  addCitation: (input: { id: string; kind?: TargetKind | null; citation: CitationInput } & Common, p: string): Part => {
    const citation = citationOf(`${p}.citation`, input.citation);
    return {
      draft: { kind: 'ADD_CITATION', target: input.kind ?? null, id: entityIdOf(`${p}.id`, input.id), citation },
      ...common({ ...input, citations: null }, p, false),
      citations: [citation],
      citationsPath: `${p}.citation`,
    };
  },
  mergeEntities: (input: { into: string; from: string } & Common, p: string): Part =>
    ({ draft: { kind: 'MERGE', into: entityIdOf(`${p}.into`, input.into), from: entityIdOf(`${p}.from`, input.from) }, ...common(input, p, false) }),
};

/** An input's reason (optional here: a batch gives its own), citations (a fact needs one, its own or the batch's) and expected version. */
function common(input: Common, p: string, required: boolean, fallback?: Part['citations']) {
  const own = input.citations === null || input.citations === undefined ? null : citationsOf(`${p}.citations`, input.citations, false);
  const citations = own ?? fallback ?? [];
  // A fact with no citation of its own nor of its batch: refused, naming the operation's field.
  if (required && citations.length === 0) citationsOf(`${p}.citations`, citations, true);
  return {
    reason: optionalReasonOf(input.reason, `${p}.reason`),
    citations,
    citationsPath: own || !fallback ? `${p}.citations` : 'input.citations',
    ...(input.expectedVersion !== null && input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
  };
}

/** The operations a batch's input may hold, each one field of ChangeOperationInput. */
type OperationName = keyof typeof parts;
const OPERATIONS = Object.keys(parts) as OperationName[];

/** One commit of these parts by the caller; the change(s) published. */
async function commit(ctx: Context, caller: Caller, list: CurationRequest[], input: Common & object): Promise<Committed> {
  const key = idempotencyKeyOf(input.idempotencyKey);
  const digest = createHash('sha256').update(canonical(input)).digest('base64url');
  const curator = ctx.curation.curator ?? new Curator(ctx.log, new DocumentTexts(ctx.curation.sourcesDir));
  const committed = await curator.curate({ actor: caller.name, requests: list, digest, ...(key ? { key } : {}) });
  if (!committed.replayed) for (const change of committed.changes) ctx.curation.feed?.publish(feedChange(change));
  return committed;
}

/** A single mutation: its part, its reason required. */
function single(part: Part): CurationRequest {
  const { draft, citations, citationsPath, expectedVersion } = part;
  return { draft, path: 'input', reason: part.reason ?? reasonOf(part.reason), citations, citationsPath, ...(expectedVersion !== undefined ? { expectedVersion } : {}) };
}

/** The record a commit wrote, or, for a commit answered again (an idempotency key seen before), as the store holds it now. */
async function entityAfter(ctx: Context, committed: Committed, id: string): Promise<Entity | null> {
  return committed.entities.get(id) ?? (await ctx.log.getEntities([id]))[0] ?? null;
}
async function relationshipAfter(ctx: Context, committed: Committed, id: string): Promise<Relationship | null> {
  return committed.relationships.get(id) ?? (await ctx.log.getRelationships([id]))[0] ?? null;
}

/** The id of the entity a change made or changed, as its operation names it. */
function entityOf(change: ChangeRecord): string {
  const op = change.op;
  switch (op.kind) {
    case 'ADD_DOCUMENT':
    case 'CREATE_ENTITY':
      return op.entity.id;
    case 'UPDATE_ENTITY':
      return op.id;
    case 'MERGE':
      return op.into;
    default:
      return op.kind === 'ADD_CITATION' || op.kind === 'RETRACT' ? op.id : '';
  }
}
const relationshipOf = (change: ChangeRecord): string => {
  const op = change.op;
  if (op.kind === 'ADD_RELATIONSHIP') return op.relationship.id;
  return op.kind === 'UPDATE_RELATIONSHIP' || op.kind === 'ADD_CITATION' ? op.id : '';
};

const entityChange = (name: OperationName, role: Role = 'editor') => as(role, async (input: never, ctx, caller) => {
  const committed = await commit(ctx, caller, [single((parts[name] as (i: unknown, p: string) => Part)(input, 'input'))], input);
  const change = committed.changes[0]!;
  return { change, entity: await entityAfter(ctx, committed, entityOf(change)) };
});

const relationshipChange = (name: OperationName) => as('editor', async (input: never, ctx, caller) => {
  const committed = await commit(ctx, caller, [single((parts[name] as (i: unknown, p: string) => Part)(input, 'input'))], input);
  const change = committed.changes[0]!;
  return { change, relationship: await relationshipAfter(ctx, committed, relationshipOf(change)) };
});

export const mutations = {
  addDocument: entityChange('addDocument'),
  createEntity: entityChange('createEntity'),
  updateEntity: entityChange('updateEntity'),
  addRelationship: relationshipChange('addRelationship'),
  updateRelationship: relationshipChange('updateRelationship'),
  mergeEntities: entityChange('mergeEntities', 'admin'),

  retract: as('editor', async (input: Input<{ id: string; kind?: TargetKind | null }>['input'], ctx, caller) => {
    const committed = await commit(ctx, caller, [single(parts.retract(input, 'input'))], input);
    return { change: committed.changes[0]! };
  }),

  addCitation: as('editor', async (input: Input<{ id: string; kind?: TargetKind | null; citation: CitationInput }>['input'], ctx, caller) => {
    const committed = await commit(ctx, caller, [single(parts.addCitation(input, 'input'))], input);
    const change = committed.changes[0]!;
    const op = change.op as { target: TargetKind; id: string };
    return op.target === 'ENTITY'
      ? { change, entity: await entityAfter(ctx, committed, op.id), relationship: null }
      : { change, entity: null, relationship: await relationshipAfter(ctx, committed, op.id) };
  }),

  unmergeEntities: as('admin', async (input: Input<{ id: string }>['input'], ctx, caller) => {
    const id = entityIdOf('input.id', input.id);
    const request = single({ draft: { kind: 'UNMERGE', from: id }, reason: reasonOf(input.reason), citations: [], citationsPath: 'input.citations' });
    const committed = await commit(ctx, caller, [request], input);
    const change = committed.changes[0]!;
    const survivor = change.targets.find((t) => t.kind === 'ENTITY' && t.id !== id && t.after);
    return { change, restored: (await ctx.log.getEntities([id]))[0], survivor: survivor ? (await ctx.log.getEntities([survivor.id]))[0] : null };
  }),

  /**
   * Many operations in one commit: all of them or none. Each is its own change of the log,
   * in order, with its own reason and citations or the batch's; a later one may name what an
   * earlier one created. An error names the operation (`input.operations[3].updateEntity.id`).
   * A merge needs the admin role.
   */
  applyChanges: as('editor', async (input: { operations: Partial<Record<OperationName, object>>[]; reason: string; citations?: CitationInput[] | null; idempotencyKey?: string | null }, ctx, caller) => {
    const reason = reasonOf(input.reason);
    if (input.operations.length === 0) throw new BadInputError('Input field "input.operations" must hold at least one operation.', 'input.operations');
    if (input.operations.length > CURATION_LIMITS.batchOperations) {
      throw new BadInputError(`Input field "input.operations" must hold at most ${CURATION_LIMITS.batchOperations} operations; got ${input.operations.length}.`, 'input.operations');
    }
    const citations = input.citations === null || input.citations === undefined ? undefined : citationsOf('input.citations', input.citations, false);
    const list = input.operations.map((operation, i): CurationRequest => {
      const given = OPERATIONS.filter((name) => operation[name] !== null && operation[name] !== undefined);
      if (given.length !== 1) {
        throw new BadInputError(`Input field "input.operations[${i}]" must give exactly one of ${OPERATIONS.join(', ')}; got ${given.length === 0 ? 'none' : given.join(', ')}.`, `input.operations[${i}]`);
      }
      const name = given[0]!;
      if (name === 'mergeEntities') requireRole(ctx, 'admin');
      const path = `input.operations[${i}].${name}`;
      const part = (parts[name] as (i: unknown, p: string, fallback?: Part['citations']) => Part)(operation[name], path, citations);
      const { draft, citationsPath, expectedVersion } = part;
      return { draft, path, reason: part.reason ?? reason, citations: part.citations, citationsPath, ...(expectedVersion !== undefined ? { expectedVersion } : {}) };
    });
    const committed = await commit(ctx, caller, list, input);
    const entities = await Promise.all([...new Set(committed.changes.map(entityOf).filter(Boolean))].map((id) => entityAfter(ctx, committed, id)));
    const relationships = await Promise.all([...new Set(committed.changes.map(relationshipOf).filter(Boolean))].map((id) => relationshipAfter(ctx, committed, id)));
    return { changes: committed.changes, entities: entities.filter((e) => e !== null), relationships: relationships.filter((r) => r !== null) };
  }),
};
