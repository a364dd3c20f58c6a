import { NotFoundError } from '../domain/errors';
import { checkRange, LIMITS } from '../domain/limits';
import type { Citation, Entity, PartialDate, Relationship } from '../domain/model';
import { ENTITY_TYPES, type RelationshipType } from '../domain/vocabulary';
import { parseYearPeriod } from '../domain/year-period';
import type { Statement, StatementKey } from '../store/store';
import { connection } from './connection';
import { decodeCursor, encodeCursor } from './cursors';
import type { Context } from './context';

/*
 * Documents as sources: a Document's citation label, its metadata read from its
 * properties and its AUTHORED, ADDRESSED_TO, ANSWERED and PUBLISHED_BY relationships, and
 * what it asserts (GraphStore.statementsOf), in pages.
 */

const keyOf = (s: Statement): StatementKey => ({ kind: s.kind, id: s.kind === 'entity' ? s.entity.id : s.relationship.id });
const nodeOf = (s: Statement): Entity | Relationship => (s.kind === 'entity' ? s.entity : s.relationship);

/** The citation label of a document: its label, as people cite it. */
const citationLabel = (d: Entity): string => d.label;

const partialDate = (value: unknown): PartialDate | null =>
  value && typeof value === 'object' && typeof (value as PartialDate).date === 'string' ? (value as PartialDate) : null;

function integer(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The entities at the other end of the document's relationships of `type`, from it (OUT) or to it (IN). */
async function related(ctx: Context, d: Entity, direction: 'IN' | 'OUT', type: RelationshipType): Promise<Entity[]> {
  const relationships = await ctx.loaders.relationshipsOf(d.id, direction, [type]);
  const ids = relationships.map((r) => (direction === 'OUT' ? r.to : r.from)).filter((id) => id !== d.id);
  const entities = await ctx.loaders.entity.loadMany([...new Set(ids)]);
  return entities.filter((e): e is Entity => e !== null && !(e instanceof Error));
}

/** Fields of the Document type beyond every entity's. */
export const documentFields = {
  citationLabel,
  metadata: (d: Entity) => d,
  asserts: async (d: Entity, a: { first: number; after?: string | null }, ctx: Context) => {
    const first = checkRange('first', a.first, 1, LIMITS.maxFirst);
    const page = await ctx.store.statementsOf(d.id, { first, after: a.after ? decodeCursor('statement', a.after) : undefined }, ctx.call);
    ctx.loaders.prime(page.statements.flatMap((s) => (s.kind === 'entity' ? [s.entity] : [])));
    const edges = page.statements.map((s) => ({ cursor: encodeCursor('statement', keyOf(s)), node: nodeOf(s) }));
    return connection(edges, page.totalCount, page.hasMore, a.after);
  },
};

/** Fields of the Citation type beyond its document, quote and section. */
export const citationFields = {
  documentLabel: async (c: Citation, _: unknown, ctx: Context) => {
    const document = await ctx.loaders.entity.load(c.document);
    if (!document) throw new NotFoundError(`The document "${c.document}" a citation quotes is missing from the store.`);
    return citationLabel(document);
  },
};

/** The types documents bring: their metadata, and the Statement union. */
export const documentTypes = {
  DocumentMetadata: {
    kind: (d: Entity) => d.category,
    title: (d: Entity) => text(d.properties.title),
    number: (d: Entity) => integer(d.properties.number),
    legislature: (d: Entity) => parseYearPeriod(d.properties.legislature),
    session: (d: Entity) => parseYearPeriod(d.properties.session),
    receivedOn: (d: Entity) => partialDate(d.properties.receivedOn),
    declaredAdmissibleOn: (d: Entity) => partialDate(d.properties.declaredAdmissibleOn),
    publishedOn: (d: Entity) => partialDate(d.properties.publishedOn),
    answeredOn: (d: Entity) => partialDate(d.properties.answeredOn),
    language: (d: Entity) => text(d.properties.language),
    authors: (d: Entity, _: unknown, ctx: Context) => related(ctx, d, 'IN', 'AUTHORED'),
    addressees: (d: Entity, _: unknown, ctx: Context) => related(ctx, d, 'OUT', 'ADDRESSED_TO'),
    answeredBy: (d: Entity, _: unknown, ctx: Context) => related(ctx, d, 'IN', 'ANSWERED'),
    parliament: async (d: Entity, _: unknown, ctx: Context) => (await related(ctx, d, 'OUT', 'PUBLISHED_BY'))[0] ?? null,
  },
  Statement: {
    __resolveType: (s: Entity | Relationship) => ((ENTITY_TYPES as readonly string[]).includes(s.type) ? s.type : 'Relationship'),
  },
};
