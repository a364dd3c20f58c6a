import { BadInputError, NotFoundError } from '../domain/errors';
import { entityNamedBy, idForms } from '../domain/id-rule';
import { LIMITS } from '../domain/limits';
import type { Entity } from '../domain/model';
import { searchTokens } from '../domain/search-text';
import type { Context } from './context';

/**
 * Ids as clients type them. An id no entity has, but whose lower-case form one has
 * (the seed's ids are lower-case slugs), stands for that entity, and so does an id merged
 * into one (mergeEntities: the survivor's `mergedFrom` holds it); otherwise the answer is
 * NOT_FOUND naming the argument, with up to SUGGESTIONS ids of entities whose names
 * match the id's words (the store's search, typos included).
 */
const SUGGESTIONS = 5;
/** The words of an id searched for suggestions, at most. */
const SUGGESTION_WORDS = 8;

/** The entity an argument names, or NotFoundError with suggestions. */
export async function resolveEntity(ctx: Context, id: string, argument: string): Promise<Entity> {
  const entity = await resolveEntityOrNull(ctx, id, argument);
  if (entity) return entity;
  throw await unknownId(ctx, id, argument);
}

/** The entity an argument names, read as resolveEntity reads it, or null (for a batch: no error per id). */
export async function resolveEntityOrNull(ctx: Context, id: string, argument: string): Promise<Entity | null> {
  checkIdLength(id, argument);
  const forms = idForms(id);
  const found = new Map(forms.map((form, i) => [form, i]));
  const entities = await Promise.all(forms.map((form) => ctx.loaders.entity.load(form)));
  // Merged ids are read only when no entity has the id in either form.
  const merged = entities.some((e) => e) ? [] : await ctx.store.mergedInto(forms, ctx.call);
  const named = entityNamedBy(id, { isEntity: (x) => !!entities[found.get(x) ?? -1], mergedInto: (x) => merged[found.get(x) ?? -1] ?? null });
  if (named === null) return null;
  return entities[found.get(named) ?? -1] ?? ctx.loaders.entity.load(named);
}

/**
 * Runs a store call that takes ids (a traversal): as it is, since ids are nearly always
 * right; when the store finds no entity with one, again with each argument's id
 * resolved, or NotFoundError for the first argument that resolves to none.
 */
export async function withResolvedIds<A extends Record<string, string>, T>(ctx: Context, ids: A, run: (ids: A) => Promise<T>): Promise<T> {
  for (const [argument, id] of Object.entries(ids)) checkIdLength(id, argument);
  try {
    return await run(ids);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const resolved: Record<string, string> = {};
    for (const [argument, id] of Object.entries(ids)) resolved[argument] = (await resolveEntity(ctx, id, argument)).id;
    if (Object.entries(ids).every(([argument, id]) => resolved[argument] === id)) throw error;
    return run(resolved as A);
  }
}

function checkIdLength(id: string, argument: string): void {
  if (id.length > LIMITS.maxIdLength) {
    throw new BadInputError(`Argument "${argument}" must be at most ${LIMITS.maxIdLength} characters; got ${id.length}.`, argument);
  }
}

async function unknownId(ctx: Context, id: string, argument: string): Promise<NotFoundError> {
  // An id retracted through the API says so, and when.
  const [last] = await ctx.log.listChanges({ target: { kind: 'ENTITY', id }, newestFirst: true, first: 1, ...(ctx.asOfChange !== undefined ? { through: ctx.asOfChange } : {}) });
  if (last?.kind === 'RETRACT') {
    return new NotFoundError(`The entity "${id}" (argument "${argument}") was retracted by change ${last.seq} (${last.at}, ${last.actor}: ${last.reason ?? 'no reason given'}); asOf an earlier instant shows it.`, argument, []);
  }
  const suggestions = await closestIds(ctx, id);
  const closest = suggestions.length > 0 ? `the closest ids: ${suggestions.join(', ')}` : 'no id is close to it';
  return new NotFoundError(`No entity with id "${id}" (argument "${argument}"); ${closest}.`, argument, suggestions);
}

/** Ids of entities whose names match the id's words, all of them, else its longest words one by one; best first. */
async function closestIds(ctx: Context, id: string): Promise<string[]> {
  const words = searchTokens(id).slice(0, SUGGESTION_WORDS);
  const texts = [words.join(' '), ...(words.length > 1 ? [...words].sort((a, b) => b.length - a.length) : [])];
  const found = new Set<string>();
  for (const text of texts) {
    if (found.size >= SUGGESTIONS) break;
    if (!text || text.length > LIMITS.maxSearchText) continue;
    for (const hit of await ctx.store.search(text, SUGGESTIONS, ctx.call)) found.add(hit.entity.id);
  }
  return [...found].slice(0, SUGGESTIONS);
}
