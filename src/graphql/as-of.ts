import { Kind, parse, type GraphQLResolveInfo } from 'graphql';
import { BadInputError } from '../domain/errors';
import { contextAsOf, type Context } from './context';

/*
 * `asOf`: a root field given an instant reads the graph as it was then (src/curation/snapshots.ts)
 * through a context of its own. Every object of its answer is tagged with that context, and
 * every field resolver below reads its parent's context when it has one, tagging what it
 * returns in turn: nested fields (an entity's relationships, a relationship's ends, citations'
 * documents, history) read the same graph, whatever else the query asks beside it. The tags
 * belong to the request (`ctx.asOfTags`): an object a store hands to two requests is read in each
 * request's own context.
 */

type Resolver = (parent: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown;

/** Fields of entities and relationships whose values no resolver reads the graph from: not walked (a subgraph holds thousands). */
const LEAVES = new Set(['names', 'properties', 'inferred', 'record', 'start', 'end', 'at', 'distances', 'via', 'op', 'before', 'after']);

/** Objects and arrays of an answer, tagged with `ctx` down to where another context's objects begin. */
function tag<T>(value: T, ctx: Context, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Promise) return value.then((v) => tag(v, ctx, depth)) as T;
  if (ctx.asOfTags.has(value as object)) return value;
  ctx.asOfTags.set(value as object, ctx);
  if (Array.isArray(value)) {
    for (const item of value) tag(item, ctx, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) if (!LEAVES.has(key)) tag(item, ctx, depth + 1);
  }
  return value;
}

/** The field reads its parent's graph: the parent's context when it has one. */
function inherit(resolve: Resolver): Resolver {
  return (parent, args, ctx, info) => {
    const own = parent !== null && typeof parent === 'object' ? ctx.asOfTags.get(parent) : undefined;
    if (!own) return resolve(parent, args, ctx, info);
    return tag(resolve(parent, args, own, info), own);
  };
}

/** A root field that takes `asOf`: without it as before, with it on the graph as it was then. */
function rootAsOf(resolve: Resolver): Resolver {
  return async (parent, args, ctx, info) => {
    if (args.asOf === undefined || args.asOf === null) return resolve(parent, args, ctx, info);
    const instant = args.asOf instanceof Date ? args.asOf : new Date(String(args.asOf));
    if (Number.isNaN(instant.getTime())) throw new BadInputError(`Argument "asOf" must be an instant (ISO 8601); got "${String(args.asOf)}".`, 'asOf');
    if (!ctx.curation.snapshots) throw new BadInputError('This server answers no "asOf" queries.', 'asOf');
    const { store, seq } = await ctx.curation.snapshots.at(instant.toISOString());
    const then = contextAsOf(ctx, store, seq);
    return tag(await resolve(parent, args, then, info), then);
  };
}

/** The Query fields that have an `asOf` argument, in the schema's SDL (`type Query` and its extensions). */
export function fieldsTakingAsOf(typeDefs: readonly string[]): string[] {
  const fields: string[] = [];
  for (const definition of typeDefs.flatMap((sdl) => parse(sdl).definitions)) {
    if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== 'Query') continue;
    for (const field of definition.fields ?? []) if (field.arguments?.some((a) => a.name.value === 'asOf')) fields.push(field.name.value);
  }
  return fields;
}

/**
 * The resolver map with `asOf` wired in: the Query fields named take it, every field of
 * every other type reads its parent's graph. Type resolvers and scalars are left as they are.
 */
export function withAsOf<R extends Record<string, unknown>>(resolvers: R, asOfFields: readonly string[]): R {
  const out: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (!fields || typeof fields !== 'object' || typeName === 'Mutation' || typeName === 'Subscription' || !isFieldMap(fields)) {
      out[typeName] = fields;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [name, resolve] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof resolve !== 'function' || name.startsWith('__')) {
        wrapped[name] = resolve;
        continue;
      }
      wrapped[name] = typeName === 'Query' ? (asOfFields.includes(name) ? rootAsOf(resolve as Resolver) : resolve) : inherit(resolve as Resolver);
    }
    out[typeName] = wrapped;
  }
  return out as R;
}

/** A plain map of field resolvers (not a scalar's GraphQLScalarType). */
function isFieldMap(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}
