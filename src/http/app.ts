import { useGraphQlJit } from '@envelop/graphql-jit';
import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { StoreUnavailableError } from '../domain/errors';
import { Curator } from '../curation/curate';
import { DocumentTexts } from '../curation/document-text';
import { Snapshots } from '../curation/snapshots';
import { openMemoryStore } from '../store/open-store';
import { createContext, type Context, type CurationServices } from '../graphql/context';
import { maskError } from '../graphql/errors';
import { KnownOperationTypesRule } from '../graphql/plugins/operation-types';
import { useNestingLimit, useQueryLimits } from '../graphql/plugins/query-limits';
import { useTraversalCost } from '../graphql/plugins/traversal-cost';
import { useVariableCoercion } from '../graphql/plugins/variables';
import { buildSchema } from '../graphql/schema';
import type { GraphStore } from '../store/store';
import type { ReadAccess } from '../domain/tokens';
import { useAuthentication } from './authentication';
import { corsPolicy, useRequestPolicy } from './browser-policy';
import type { FailedAttempts } from './failed-attempts';
import { useExports } from './export-routes';
import { useExplorerPage } from './explorer-page';
import type { ChangeFeed } from '../feed/change-feed';
import { useMutationPolicy } from './operation-policy';
import { useGraphiQLPage } from './graphiql-page';
import type { ServerContext } from './server-context';

export type App = YogaServerInstance<ServerContext, Context>;

export interface AppOptions {
  /** Serve GraphiQL to browsers at /graphql. Default true. */
  graphiql?: boolean;
  /** Serve the explorer at /explore, where `GET /` leads browsers. Default true. */
  explorer?: boolean;
  /** Answer introspection queries, and suggest field names in errors. Default true. */
  introspection?: boolean;
  /** Origins whose pages may read the API (CORS); `*` any. Default none: same origin only. */
  corsOrigins?: readonly string[];
  /** Each request's deadline; its store calls are stopped past it. Default none. */
  requestTimeoutMs?: number;
  /** READ_ACCESS: `token` answers /graphql and /export/... only with a valid token. Default `public`. */
  readAccess?: ReadAccess;
  /** Failed authentications per client (rate limit); one per app by default. */
  failures?: FailedAttempts;
  /** Where committed changes go for the `changes` subscription (one per process); none: no subscription. */
  feed?: ChangeFeed;
  /** SOURCES_DIR: seed documents' full texts, against which the quotes of changes citing them are checked. */
  sourcesDir?: string;
  /** Makes the in-memory store each graph `asOf` reads is held in; the embedded store in memory by default. */
  memoryStore?: () => GraphStore;
  schema?: GraphQLSchema;
  /** Where unexpected errors and unavailable stores are logged, in full, before they are masked for the client. */
  log?: (line: Record<string, unknown>) => void;
}

const stderrLog = (line: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(line)}\n`);

/** Validation rules of our own, beside graphql-js's. */
function useValidationRules(introspection: boolean): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypesRule);
      if (!introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * The GraphQL app, built apart from any listening socket: tests call `app.fetch`.
 * /graphql (GraphQL over GET and POST; GraphiQL for browsers), /explore (the explorer), /health,
 * /ready (pings the store), /export/... (the graph or a view as a file: export-routes.ts).
 */
export function createApp(store: GraphStore, options: AppOptions = {}): App {
  const introspection = options.introspection ?? true;
  const log = options.log ?? stderrLog;
  const snapshots = new Snapshots(store, options.memoryStore ?? openMemoryStore);
  const curation: CurationServices = { feed: options.feed, snapshots, sourcesDir: options.sourcesDir, curator: new Curator(store, new DocumentTexts(options.sourcesDir)) };
  return createYoga<ServerContext, Context>({
    schema: options.schema ?? buildSchema(),
    // The caller is added by useAuthentication.
    context: ({ request }) => createContext(store, options.requestTimeoutMs, request.signal, null, curation),
    graphqlEndpoint: '/graphql',
    // yoga's health check answers any method on any URL that ends with its endpoint (a query
    // string included); browser-policy.ts answers /health exactly, so yoga's gets an endpoint
    // no URL can end with (the URL parser strips line feeds).
    healthCheckEndpoint: '\n',
    multipart: false,
    landingPage: false,
    batching: false,
    cors: corsPolicy(options.corsOrigins ?? []),
    // The HTTP server (server.ts) refuses bodies over MAX_BODY_BYTES before yoga sees them; yoga's
    // own limit would pipe every body through a TransformStream once more.
    maxRequestBodySize: false,
    // Client errors are answered, not logged; unexpected ones are logged by maskError below.
    logging: false,
    // useGraphiQLPage serves it, compressed and cached.
    graphiql: false,
    maskedErrors: {
      maskError: (error, message) =>
        maskError(error, message, (original) =>
          log({
            time: new Date().toISOString(),
            msg: original instanceof StoreUnavailableError ? 'store unavailable' : 'unexpected error',
            error: original instanceof Error ? (original.stack ?? original.message) : String(original),
          }),
        ),
    },
    plugins: [
      useRequestPolicy({ home: '/graphql', browserHome: options.explorer === false ? undefined : '/explore', cors: (options.corsOrigins ?? []).length > 0 }),
      // The pages first: they stay open whatever READ_ACCESS says; what they call does not.
      ...(options.graphiql === false ? [] : [useGraphiQLPage({ title: 'Brussels digital actors graph', endpoint: '/graphql' })]),
      ...(options.explorer === false ? [] : [useExplorerPage()]),
      useAuthentication(store, { readAccess: options.readAccess ?? 'public', failures: options.failures, log }),
      // After authentication, so that a bad token is told 401 before a mutation's form is judged.
      useMutationPolicy(),
      useExports(store, { requestTimeoutMs: options.requestTimeoutMs, log }),
      useValidationRules(introspection),
      // Before graphql-jit: variables are coerced by graphql-js, each traversal is weighed.
      useVariableCoercion(),
      useTraversalCost(),
      // Compiles each query once into a function: repeated queries skip graphql-js's interpretation.
      useGraphQlJit(),
      useNestingLimit(),
      useQueryLimits({ introspection }),
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
