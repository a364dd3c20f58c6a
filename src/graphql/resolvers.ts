import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { BadInputError, NotFoundError } from '../domain/errors';
import { checkRange, LIMITS } from '../domain/limits';
import type { Citation, DependencyDirection, Direction, Entity, Money, Path, Relationship, RelationshipFilter, Subgraph } from '../domain/model';
import { DEFAULT_WORD_LANGUAGE, isWordLanguage, relationshipWords, WORD_LANGUAGES } from '../domain/plain-words';
import { parseDuring } from '../domain/partial-date';
import { DEFAULT_MODALITY, ENTITY_TYPES, followedTypes, isSymmetric, type EntityType, type Modality, type RelationshipType } from '../domain/vocabulary';
import { connection } from './connection';
import { decodeCursor, encodeCursor } from './cursors';
import type { Context } from './context';
import { amountOf, MoneyFlow, moneyFields as moneyFlowFields } from './money';
import { citationFields, documentFields, documentTypes } from './documents';
import { resolveEntity, resolveEntityOrNull, withResolvedIds } from './resolve-id';
import { certaintyFields, nameFields, relationshipInferences } from './names';
import { changeFields, datasetFields, entityRecordFields, historyQueries, relationshipRecordFields } from './history';
import { mutations } from './mutations';

type Args<T> = T & Record<string, unknown>;

async function endpoint(ctx: Context, id: string): Promise<Entity> {
  const entity = await ctx.loaders.entity.load(id);
  if (!entity) throw new NotFoundError(`Relationship end "${id}" is missing from the store.`);
  return entity;
}

function withNodes<T extends Subgraph | Path>(ctx: Context, result: T): T {
  ctx.loaders.prime(result.nodes);
  return result;
}

/** The `excludeTypes`, `modalities` and `validAt` arguments of the fields that read relationships. */
type FilterArgs = { excludeTypes?: RelationshipType[] | null; modalities?: Modality[] | null; validAt?: string | null };
function relationshipFilter(a: FilterArgs): RelationshipFilter & { excludeTypes?: RelationshipType[] } {
  return {
    ...(a.excludeTypes ? { excludeTypes: a.excludeTypes } : {}),
    ...(a.modalities ? { modalities: a.modalities } : {}),
    ...(a.validAt ? { validAt: parseDuring('validAt', a.validAt) } : {}),
  };
}

/** The `language` of a plain-words label: fr or en (any case). */
function wordLanguage(value: string | null | undefined) {
  const code = (value ?? DEFAULT_WORD_LANGUAGE).trim().toLowerCase();
  if (!isWordLanguage(code)) throw new BadInputError(`Argument "language" must be one of ${WORD_LANGUAGES.join(', ')}; got "${value}".`, 'language');
  return code;
}

const entityFields = {
  ...nameFields,
  relationships: (e: Entity, a: Args<{ direction: Direction; types?: RelationshipType[] | null } & FilterArgs>, ctx: Context) =>
    ctx.loaders.relationshipsOf(e.id, a.direction, followedTypes(a.types, a.excludeTypes), relationshipFilter({ ...a, excludeTypes: null })),
  ...moneyFlowFields,
  ...entityRecordFields,
};

const instrumentFields = {
  ...entityFields,
  amount: (e: Entity): Money | null => amountOf(e),
};

export const resolvers = {
  JSON: JSONResolver,
  DateTime: DateTimeResolver,

  Mutation: mutations,

  Subscription: {
    changes: {
      subscribe: (_: unknown, __: unknown, ctx: Context) => {
        if (!ctx.curation.feed) throw new BadInputError('This server streams no changes.');
        return ctx.curation.feed.subscribe();
      },
      resolve: (change: unknown) => change,
    },
  },

  Change: changeFields,
  Dataset: datasetFields,

  Query: {
    ...historyQueries,

    node: (_: unknown, a: Args<{ id: string }>, ctx: Context) => resolveEntity(ctx, a.id, 'id'),

    nodes: (_: unknown, a: Args<{ ids: string[] }>, ctx: Context) => {
      if (a.ids.length > LIMITS.maxFirst) throw new BadInputError(`Argument "ids" must hold at most ${LIMITS.maxFirst} ids; got ${a.ids.length}.`, 'ids');
      return Promise.all(a.ids.map((id) => resolveEntityOrNull(ctx, id, 'ids')));
    },

    search: async (_: unknown, a: Args<{ text: string; first: number }>, ctx: Context) => {
      const text = a.text.trim();
      if (!text) throw new BadInputError('Argument "text" must not be empty.', 'text');
      if (text.length > LIMITS.maxSearchText) {
        throw new BadInputError(`Argument "text" must be at most ${LIMITS.maxSearchText} characters.`, 'text');
      }
      const hits = await ctx.store.search(text, checkRange('first', a.first, 1, LIMITS.maxFirst), ctx.call);
      ctx.loaders.prime(hits.map((h) => h.entity));
      return hits;
    },

    entities: async (_: unknown, a: Args<{ type?: EntityType | null; during?: string | null; first: number; after?: string | null }>, ctx: Context) => {
      const first = checkRange('first', a.first, 1, LIMITS.maxFirst);
      const page = await ctx.store.listEntities({
        type: a.type ?? undefined,
        during: a.during ? parseDuring('during', a.during) : undefined,
        first,
        after: a.after ? decodeCursor('entity', a.after) : undefined,
      }, ctx.call);
      ctx.loaders.prime(page.entities);
      const edges = page.entities.map((node) => ({ cursor: encodeCursor('entity', node.id), node }));
      return connection(edges, page.totalCount, page.hasMore, a.after);
    },

    neighbourhood: async (_: unknown, a: Args<{ id: string; depth: number; relationshipTypes?: RelationshipType[] | null; limit: number } & FilterArgs>, ctx: Context) => {
      const depth = checkRange('depth', a.depth, 1, LIMITS.maxNeighbourhoodDepth);
      const o = { types: a.relationshipTypes ?? undefined, ...relationshipFilter(a), limit: checkRange('limit', a.limit, 1, LIMITS.maxNodeLimit) };
      return withNodes(ctx, await withResolvedIds(ctx, { id: a.id }, ({ id }) => ctx.store.neighbourhood(id, depth, o, ctx.call)));
    },

    shortestPath: async (_: unknown, a: Args<{ from: string; to: string; maxDepth: number; relationshipTypes?: RelationshipType[] | null } & FilterArgs>, ctx: Context) => {
      const maxDepth = checkRange('maxDepth', a.maxDepth, 1, LIMITS.maxTraversalDepth);
      const o = { types: a.relationshipTypes ?? undefined, ...relationshipFilter(a) };
      const path = await withResolvedIds(ctx, { from: a.from, to: a.to }, ({ from, to }) => ctx.store.shortestPath(from, to, maxDepth, o, ctx.call));
      return path && withNodes(ctx, path);
    },

    shortestPaths: async (_: unknown, a: Args<{ from: string; to: string; maxDepth: number; first: number; relationshipTypes?: RelationshipType[] | null } & FilterArgs>, ctx: Context) => {
      const maxDepth = checkRange('maxDepth', a.maxDepth, 1, LIMITS.maxTraversalDepth);
      const first = checkRange('first', a.first, 1, LIMITS.maxFirst);
      const o = { types: a.relationshipTypes ?? undefined, ...relationshipFilter(a) };
      const paths = await withResolvedIds(ctx, { from: a.from, to: a.to }, ({ from, to }) => ctx.store.shortestPaths(from, to, maxDepth, first, o, ctx.call));
      return paths.map((p) => withNodes(ctx, p));
    },

    dependencies: async (_: unknown, a: Args<{ id: string; direction: DependencyDirection; maxDepth: number; limit: number } & FilterArgs>, ctx: Context) => {
      const maxDepth = checkRange('maxDepth', a.maxDepth, 1, LIMITS.maxTraversalDepth);
      const o = { ...relationshipFilter(a), limit: checkRange('limit', a.limit, 1, LIMITS.maxNodeLimit) };
      return withNodes(ctx, await withResolvedIds(ctx, { id: a.id }, ({ id }) => ctx.store.dependencies(id, a.direction, maxDepth, o, ctx.call)));
    },
  },

  Entity: { __resolveType: (e: Entity) => e.type },
  ...Object.fromEntries(
    ENTITY_TYPES.map((t) => [t, t === 'Contract' || t === 'Funding' ? instrumentFields : entityFields]),
  ),
  Document: { ...entityFields, ...documentFields },
  ...documentTypes,

  MoneyFlow,

  Money: {
    vat: (m: Money) => m.vat.toUpperCase(),
    estimated: (m: Money) => m.estimated === true,
    ...certaintyFields.Money,
  },

  PartialDate: certaintyFields.PartialDate,

  Relationship: {
    from: (r: Relationship, _: unknown, ctx: Context) => endpoint(ctx, r.from),
    to: (r: Relationship, _: unknown, ctx: Context) => endpoint(ctx, r.to),
    label: (r: Relationship, a: { language?: string | null }) => relationshipWords(r.type, r.modality ?? DEFAULT_MODALITY, wordLanguage(a.language)),
    symmetric: (r: Relationship) => isSymmetric(r.type),
    modality: (r: Relationship) => r.modality ?? DEFAULT_MODALITY,
    start: (r: Relationship) => r.start ?? null,
    end: (r: Relationship) => r.end ?? null,
    at: (r: Relationship) => r.at ?? null,
    inferences: relationshipInferences,
    ...relationshipRecordFields,
  },

  Citation: {
    document: (c: Citation, _: unknown, ctx: Context) => endpoint(ctx, c.document),
    ...citationFields,
  },

  Path: {
    length: (p: Path) => p.relationships.length,
  },

  Subgraph: {
    hops: (g: Subgraph) => {
      const byId = new Map(g.relationships.map((r) => [r.id, r]));
      return g.nodes.map((node, i) => ({ node, distance: g.distances[i], via: byId.get(g.via[i] ?? '') ?? null }));
    },
  },
};
