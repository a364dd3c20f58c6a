import type { ChangeRecord, Operation, TargetKind } from '../curation/change';
import { curate, resolveIds } from '../curation/curate';
import { documentText } from '../curation/document-text';
import { NotFoundError, QuoteNotFoundError } from '../domain/errors';
import type { Citation, Entity, Relationship } from '../domain/model';
import { quoteIn } from '../domain/quote';
import type { Role } from '../domain/tokens';
import type { Context } from './context';
import {
  addDocumentOp, addRelationshipOp, citationOf, citationsOf, createEntityOp, entityIdOf, reasonOf, updateEntityOp, updateRelationshipOp,
  type CitationInput,
} from './curation-inputs';
import { requireRole } from './require-role';

/*
 * The mutations: each checks the caller's role first, then its input (curation-inputs.ts) and
 * its citations (documents that exist, quotes in their text), then makes its change through
 * src/curation/curate.ts (one transaction), publishes it, and answers what it changed.
 */

type Input<T> = { input: T & { reason: string; citations?: CitationInput[] | null; expectedVersion?: number | null } };

/** The change as subscribers get it: its targets capped, without the operation (which a LOAD makes large). */
export function feedChange(change: ChangeRecord) {
  return { ...change, op: undefined, targets: change.targets.slice(0, 1000), targetCount: change.targets.length };
}

async function commit(ctx: Context, role: Role, reason: string, citations: Citation[], op: Operation, expected?: { key: string; version: number | null | undefined }) {
  const caller = requireRole(ctx, role);
  const change = await curate(ctx.log, {
    actor: caller.name,
    reason,
    citations,
    op,
    ...(expected && expected.version !== null && expected.version !== undefined ? { expected: { [expected.key]: expected.version } } : {}),
  });
  ctx.curation.feed?.publish(feedChange(change));
  return change;
}

/** Every citation names a current Document, and its quote is in the document's text when the text is known. */
async function checkCitations(ctx: Context, citations: Citation[], field: string): Promise<void> {
  const documents = await ctx.log.getEntities([...new Set(citations.map((c) => c.document))]);
  const byId = new Map(documents.flatMap((d) => (d ? [[d.id, d] as const] : [])));
  for (const [i, c] of citations.entries()) {
    const at = `${field}[${i}]`;
    const document = byId.get(c.document);
    if (!document || document.type !== 'Document') {
      throw new NotFoundError(`Input field "${at}.document": no document with id "${c.document}"; register it with addDocument first.`, `${at}.document`);
    }
    const text = await documentText(ctx.log, document, ctx.curation.sourcesDir);
    if (text !== null && !quoteIn(c.quote, text)) {
      throw new QuoteNotFoundError(`Input field "${at}.quote": the quote is not in the text of "${document.id}" (whitespace runs count as one space, nothing else is changed): "${c.quote.slice(0, 200)}".`, `${at}.quote`);
    }
  }
}

/** The input's citations, checked; the mutation has checked the caller's role first. */
async function citationsChecked(ctx: Context, list: CitationInput[] | null | undefined, required: boolean, field = 'input.citations'): Promise<Citation[]> {
  const citations = citationsOf(field, list, required);
  await checkCitations(ctx, citations, field);
  return citations;
}

/** The current entity an input id names (another case, or an id merged into it, name it too), or NOT_FOUND naming the field. */
async function currentEntity(ctx: Context, field: string, id: string): Promise<Entity> {
  const [resolved] = await resolveIds(ctx.log, [entityIdOf(field, id)]);
  const [entity] = await ctx.log.getEntities([resolved!]);
  if (!entity) throw new NotFoundError(`Input field "${field}": no current entity with id "${id}".`, field);
  return entity;
}

async function currentRelationship(ctx: Context, field: string, id: string): Promise<Relationship> {
  const [r] = await ctx.log.getRelationships([entityIdOf(field, id)]);
  if (!r) throw new NotFoundError(`Input field "${field}": no current relationship with id "${id}".`, field);
  return r;
}

/** What an id names, when the input does not say: an entity, else a relationship. */
async function kindOf(ctx: Context, id: string, kind: TargetKind | null | undefined): Promise<{ kind: TargetKind; id: string }> {
  if (kind === 'RELATIONSHIP') return { kind, id: (await currentRelationship(ctx, 'input.id', id)).id };
  if (kind === 'ENTITY') return { kind, id: (await currentEntity(ctx, 'input.id', id)).id };
  const [resolved] = await resolveIds(ctx.log, [entityIdOf('input.id', id)]);
  if ((await ctx.log.getEntities([resolved!]))[0]) return { kind: 'ENTITY', id: resolved! };
  if ((await ctx.log.getRelationships([id]))[0]) return { kind: 'RELATIONSHIP', id };
  throw new NotFoundError(`Input field "input.id": no current entity or relationship with id "${id}".`, 'input.id');
}

const entityAfter = async (ctx: Context, id: string) => (await ctx.log.getEntities([id]))[0];
const relationshipAfter = async (ctx: Context, id: string) => (await ctx.log.getRelationships([id]))[0];

export const mutations = {
  addDocument: async (_: unknown, { input }: Input<Parameters<typeof addDocumentOp>[0]>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const op = addDocumentOp(input);
    const change = await commit(ctx, 'editor', reasonOf(input.reason), [], op);
    return { change, entity: await entityAfter(ctx, (op as { entity: Entity }).entity.id) };
  },

  createEntity: async (_: unknown, { input }: Input<Parameters<typeof createEntityOp>[0]>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, true);
    const op = createEntityOp(input, citations);
    const change = await commit(ctx, 'editor', reason, citations, op);
    return { change, entity: await entityAfter(ctx, (op as { entity: Entity }).entity.id) };
  },

  updateEntity: async (_: unknown, { input }: Input<Parameters<typeof updateEntityOp>[0]>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, true);
    const current = await currentEntity(ctx, 'input.id', input.id);
    const change = await commit(ctx, 'editor', reason, citations, updateEntityOp(input, citations, current), { key: `ENTITY:${current.id}`, version: input.expectedVersion });
    return { change, entity: await entityAfter(ctx, current.id) };
  },

  addRelationship: async (_: unknown, { input }: Input<Parameters<typeof addRelationshipOp>[0]>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, true);
    const from = await currentEntity(ctx, 'input.from', input.from);
    const to = await currentEntity(ctx, 'input.to', input.to);
    const op = addRelationshipOp({ ...input, from: from.id, to: to.id }, citations);
    const change = await commit(ctx, 'editor', reason, citations, op);
    return { change, relationship: await relationshipAfter(ctx, (op as { relationship: Relationship }).relationship.id) };
  },

  updateRelationship: async (_: unknown, { input }: Input<Parameters<typeof updateRelationshipOp>[0]>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, true);
    const current = await currentRelationship(ctx, 'input.id', input.id);
    const change = await commit(ctx, 'editor', reason, citations, updateRelationshipOp(input, citations, current), { key: `RELATIONSHIP:${current.id}`, version: input.expectedVersion });
    return { change, relationship: await relationshipAfter(ctx, current.id) };
  },

  retract: async (_: unknown, { input }: Input<{ id: string; kind?: TargetKind | null }>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, false);
    const target = await kindOf(ctx, input.id, input.kind);
    const change = await commit(ctx, 'editor', reason, citations, { kind: 'RETRACT', target: target.kind, id: target.id }, { key: `${target.kind}:${target.id}`, version: input.expectedVersion });
    return { change };
  },

  addCitation: async (_: unknown, { input }: Input<{ id: string; kind?: TargetKind | null; citation: CitationInput }>, ctx: Context) => {
    requireRole(ctx, 'editor');
    const reason = reasonOf(input.reason);
    const citation = citationOf('input.citation', input.citation);
    await checkCitations(ctx, [citation], 'input.citation');
    const target = await kindOf(ctx, input.id, input.kind);
    const change = await commit(ctx, 'editor', reason, [citation], { kind: 'ADD_CITATION', target: target.kind, id: target.id, citation }, { key: `${target.kind}:${target.id}`, version: input.expectedVersion });
    return target.kind === 'ENTITY' ? { change, entity: await entityAfter(ctx, target.id), relationship: null } : { change, entity: null, relationship: await relationshipAfter(ctx, target.id) };
  },

  mergeEntities: async (_: unknown, { input }: Input<{ into: string; from: string }>, ctx: Context) => {
    requireRole(ctx, 'admin');
    const reason = reasonOf(input.reason);
    const citations = await citationsChecked(ctx, input.citations, false);
    const into = await currentEntity(ctx, 'input.into', input.into);
    const from = await currentEntity(ctx, 'input.from', input.from);
    const change = await commit(ctx, 'admin', reason, citations, { kind: 'MERGE', into: into.id, from: from.id }, { key: `ENTITY:${into.id}`, version: input.expectedVersion });
    return { change, entity: await entityAfter(ctx, into.id) };
  },

  unmergeEntities: async (_: unknown, { input }: Input<{ id: string }>, ctx: Context) => {
    requireRole(ctx, 'admin');
    const reason = reasonOf(input.reason);
    const id = entityIdOf('input.id', input.id);
    const change = await commit(ctx, 'admin', reason, [], { kind: 'UNMERGE', from: id, merge: 0 });
    const survivor = change.targets.find((t) => t.kind === 'ENTITY' && t.id !== id && t.after);
    return { change, restored: await entityAfter(ctx, id), survivor: survivor ? await entityAfter(ctx, survivor.id) : null };
  },
};
