import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { fieldsTakingAsOf, withAsOf } from './as-of';
import { resolvers } from './resolvers';

/** Reads every schema/*.graphql file at start-up and binds the resolvers to it. */
export function buildSchema(dir = join(PROJECT_ROOT, 'schema')): GraphQLSchema {
  const typeDefs = readdirSync(dir)
    .filter((n) => n.endsWith('.graphql'))
    .sort()
    .map((n) => readFileSync(join(dir, n), 'utf8'));
  return makeExecutableSchema({ typeDefs, resolvers: withAsOf(resolvers, fieldsTakingAsOf(typeDefs)), resolverValidationOptions: { requireResolversToMatchSchema: 'error' } });
}
