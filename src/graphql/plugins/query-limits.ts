import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { QUERY_LIMITS, type QueryLimitName } from '../../domain/limits';

/** Errors armor raised, with the limit each one enforces; errors.ts reads it to say which limit was passed. */
const rejected = new WeakMap<GraphQLError, QueryLimitName>();

/** The limit a query passed when `error` is armor's refusal, else undefined. */
export function limitOf(error: GraphQLError): QueryLimitName | undefined {
  return rejected.get(error);
}

const tag = (limit: QueryLimitName) => ({ onReject: [(_: unknown, error: GraphQLError) => void rejected.set(error, limit)] });

/**
 * The size limits of a query (src/domain/limits.ts): depth, aliases, directives, tokens and
 * graphql-armor's generic cost. Field suggestions ("did you mean") follow introspection: a
 * server that hides its schema does not spell it out in error messages either.
 */
export function useQueryLimits(options: { introspection: boolean }) {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.depth, ...tag('depth') },
    maxAliases: { n: QUERY_LIMITS.aliases, ...tag('aliases') },
    maxDirectives: { n: QUERY_LIMITS.directives, ...tag('directives') },
    maxTokens: { n: QUERY_LIMITS.tokens, ...tag('tokens') },
    costLimit: { maxCost: QUERY_LIMITS.cost, ...tag('cost') },
    blockFieldSuggestion: { enabled: !options.introspection },
  });
}
