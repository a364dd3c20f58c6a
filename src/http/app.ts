import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { StoreUnavailableError } from '../domain/errors';
import { createContext, type Context } from '../graphql/context';
import { maskError } from '../graphql/errors';
import { buildSchema } from '../graphql/schema';
import type { GraphStore } from '../store/store';

export type App = YogaServerInstance<Record<string, never>, Context>;

export interface AppOptions {
  graphiql?: boolean;
  schema?: GraphQLSchema;
  /** Where unexpected errors and unavailable stores are logged, in full, before they are masked for the client. */
  log?: (line: Record<string, unknown>) => void;
}

const stderrLog = (line: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(line)}\n`);

/** A request must carry this header (or a JSON content type) to be executed: browsers cannot forge it cross-site. */
export const CSRF_HEADER = 'x-graphql-csrf';

const DEFAULT_QUERY = `# What breaks if Fidus is down?
{
  dependencies(id: "fidus", direction: DOWNSTREAM) {
    nodes { id name type }
    relationships { type from { name } to { name } sources { quote section } }
  }
}
`;

/**
 * The GraphQL app, built apart from any listening socket: tests call `app.fetch`.
 * /graphql (GraphiQL for browsers, its assets inlined), /health, /ready (pings the store).
 */
export function createApp(store: GraphStore, options: AppOptions = {}): App {
  return createYoga<Record<string, never>, Context>({
    schema: options.schema ?? buildSchema(),
    context: () => createContext(store),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    batching: false,
    // The HTTP server (server.ts) refuses bodies over MAX_BODY_BYTES before yoga sees them; yoga's
    // own limit would pipe every body through a TransformStream once more.
    maxRequestBodySize: false,
    // Client errors are answered, not logged; unexpected ones are logged by maskError below.
    logging: false,
    graphiql: options.graphiql === false ? false : { title: 'Brussels digital actors graph', defaultQuery: DEFAULT_QUERY },
    renderGraphiQL,
    maskedErrors: {
      maskError: (error, message) =>
        maskError(error, message, (original) =>
          (options.log ?? stderrLog)({
            time: new Date().toISOString(),
            msg: original instanceof StoreUnavailableError ? 'store unavailable' : 'unexpected error',
            error: original instanceof Error ? (original.stack ?? original.message) : String(original),
          }),
        ),
    },
    plugins: [
      // Compiles each query once into a function: repeated queries skip graphql-js's interpretation.
      useGraphQlJit(),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 15 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 2000 },
        costLimit: { maxCost: 20000 },
      }),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => {
          try {
            await store.ping();
            return new fetchAPI.Response(JSON.stringify({ status: 'ready', store: store.kind }), {
              headers: { 'content-type': 'application/json' },
            });
          } catch {
            return new fetchAPI.Response(JSON.stringify({ status: 'unavailable', store: store.kind }), {
              status: 503,
              headers: { 'content-type': 'application/json' },
            });
          }
        },
      }),
    ],
  });
}
