import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
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

/** The deepest nesting of brackets in a query text, strings and comments aside. */
function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // A block string ends at the next """, a string at the next unescaped " or the line's end.
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        i = end < 0 ? text.length : end + 2;
      } else while (++i < text.length && text[i] !== '"' && text[i] !== '\n') if (text[i] === '\\') i++;
    } else if (c === 0x23 /* # */) {
      while (++i < text.length && text[i] !== '\n');
    } else if (c === 0x7b || c === 0x5b || c === 0x28 /* { [ ( */) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d || c === 0x29 /* } ] ) */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Refuses, before graphql-js parses it, a query whose brackets nest deeper than the parser's
 * recursion can go (a list literal of thousands of [[[...]]] overflows the stack before the
 * token limit is reached).
 */
export function useNestingLimit(): Plugin {
  return {
    onParse({ params }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      const nesting = nestingOf(text);
      if (nesting > QUERY_LIMITS.nesting) {
        const error = new GraphQLError(`Nesting limit of ${QUERY_LIMITS.nesting} exceeded, found ${nesting}.`);
        rejected.set(error, 'nesting');
        throw error;
      }
    },
  };
}
