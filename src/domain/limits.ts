import { BadInputError } from './errors';

/** Bounds on what one query may ask; resolvers check arguments against them before any store call. */
export const LIMITS = {
  maxFirst: 100,
  maxNeighbourhoodDepth: 3,
  maxTraversalDepth: 10,
  defaultNodeLimit: 200,
  maxNodeLimit: 1000,
  maxSearchText: 200,
  /** Characters of an id argument: ids are short slugs, so a longer one is a mistake, not a lookup. */
  maxIdLength: 200,
  /** What the traversals of one request may touch together, in node-hops (TRAVERSAL_COST). */
  traversalBudget: 10000,
} as const;

/**
 * Bounds on what one export (GET /export/..., npm run export) may ask: a view's node limit and
 * depths are the API's (LIMITS), so that an export costs what the same query would.
 */
export const EXPORT_LIMITS = {
  /** Entities read per page when the whole graph is exported. */
  pageSize: 500,
  /** Nodes a view (around, dependencies) keeps when `limit` is not given. */
  defaultViewLimit: LIMITS.maxNodeLimit,
  /** Entities a whole-graph export writes at most (its `limit`). */
  maxWholeGraph: 10_000_000,
  /** Shortest paths a `from`/`to` export keeps at most. */
  maxPaths: 10,
} as const;

/** Failed authentications (unknown or revoked tokens) a client address may make before it is refused (429) for a while. */
export const AUTH_LIMITS = {
  maxFailures: 10,
  windowMs: 60_000,
  /** Client addresses remembered at most; the oldest are forgotten first. */
  maxClients: 10_000,
} as const;

/** The size limits of a query document, enforced by graphql-armor before it runs. */
export const QUERY_LIMITS = {
  depth: 12,
  aliases: 15,
  directives: 20,
  tokens: 2000,
  /** Brackets opened inside one another ({ [ ( ): a parser recursing deeper would run out of stack. */
  nesting: 100,
  /** graphql-armor's generic cost: fields weighted by nesting. */
  cost: 20000,
} as const;

export type QueryLimitName = keyof typeof QUERY_LIMITS | 'traversalCost';

const clamp = (value: unknown, min: number, max: number) => (typeof value === 'number' ? Math.min(Math.max(value, min), max) : min);

/**
 * What each traversal can touch: the nodes it may keep times the hops it may take. A
 * shortest path keeps no node limit; it is weighed as a default-sized walk of its depth,
 * and all shortest paths as that and the paths it may return.
 * Out-of-range values are clamped here: the resolver refuses them, naming the argument.
 */
export const TRAVERSAL_COST = {
  neighbourhood: (a: { limit: number; depth: number }) =>
    clamp(a.limit, 1, LIMITS.maxNodeLimit) * clamp(a.depth, 1, LIMITS.maxNeighbourhoodDepth),
  dependencies: (a: { limit: number; maxDepth: number }) =>
    clamp(a.limit, 1, LIMITS.maxNodeLimit) * clamp(a.maxDepth, 1, LIMITS.maxTraversalDepth),
  shortestPath: (a: { maxDepth: number }) => LIMITS.defaultNodeLimit * clamp(a.maxDepth, 1, LIMITS.maxTraversalDepth),
  /** The search of shortestPath, then `first` paths of up to its depth. */
  shortestPaths: (a: { maxDepth: number; first: number }) =>
    (LIMITS.defaultNodeLimit + clamp(a.first, 1, LIMITS.maxFirst)) * clamp(a.maxDepth, 1, LIMITS.maxTraversalDepth),
} as const;

export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInputError(`Argument "${argument}" must be an integer from ${min} to ${max}; got ${value}.`, argument);
  }
  return value;
}

/** What one change through the API may carry; each bound is checked, naming the input field, before anything is read or written. */
export const CURATION_LIMITS = {
  reasonLength: 1000,
  quoteLength: 2000,
  citations: 20,
  names: 50,
  nameLength: 200,
  categoryLength: 80,
  /** A document's title, author, addressee, URL. */
  textFieldLength: 1000,
  /** Characters of JSON of an entity's or a relationship's properties. */
  propertiesLength: 20_000,
  /** Characters of a document's full text (the request body's own limit, MAX_BODY_BYTES, also applies). */
  documentTextLength: 2_000_000,
  /** Operations of one applyChanges: one commit, all or none. */
  batchOperations: 500,
} as const;
