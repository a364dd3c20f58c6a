import { execute, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { envelop, isAsyncIterable, useSchema } from 'graphql-yoga';

type Plugin = Parameters<typeof envelop>[0]['plugins'][number];

/** The parameters of a POSTed JSON body that asks nothing but a query: no extensions, nothing unknown. */
export interface PlainQuery {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The body as a plain query, or undefined when it has anything yoga would look at more closely. */
export function plainQuery(body: unknown): PlainQuery | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, variables, operationName } = body as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  if (typeof query !== 'string' || query === '') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: operationName ?? undefined };
}

/** graphql-js as the engine, as yoga sets it: its parser, validation (with the specified rules) and executor. */
const engine: Plugin = {
  onParse: ({ setParseFn }) => setParseFn(parse),
  onValidate: ({ setValidationFn, addValidationRule }) => {
    setValidationFn(validate);
    for (const rule of specifiedRules) addValidationRule(rule);
  },
  onExecute: ({ setExecuteFn }) => setExecuteFn(execute),
};

/**
 * Answers a plain query with the same envelop plugins as the yoga app (graphql-jit, armor's
 * limits), without yoga's fetch-API request and response around it. It answers only a query
 * that parses, passes every validation rule and limit, and executes without an error: it
 * returns the response text then, the very text yoga writes for such a result. For anything
 * else it returns undefined and does not log, and the request goes to yoga, which answers
 * (refuses, masks, logs) as always. Queries only read, so running one again there is safe.
 */
export function plainQueryAnswerer(
  schema: GraphQLSchema,
  plugins: Plugin[],
  createContext: () => object,
  cacheSize = 1000,
): (params: PlainQuery) => Promise<string | undefined> {
  const getEnveloped = envelop({ plugins: [engine, useSchema(schema), ...plugins] });
  // Query text -> its document once parsed and validated, or null when refused (yoga says why).
  const documents = new Map<string, DocumentNode | null>();

  return async (params) => {
    try {
      const run = getEnveloped();
      let document = documents.get(params.query);
      if (document === undefined) {
        let accepted: DocumentNode | null = null;
        try {
          const parsed = run.parse(params.query);
          if (run.validate(run.schema, parsed).length === 0) accepted = parsed;
        } catch {
          // refused by the parser or a limit: yoga answers it
        }
        if (documents.size >= cacheSize) documents.clear();
        documents.set(params.query, accepted);
        document = accepted;
      }
      if (!document) return undefined;
      const result = (await run.execute({
        schema: run.schema,
        document,
        variableValues: params.variables,
        operationName: params.operationName,
        contextValue: await run.contextFactory(createContext()),
      })) as ExecutionResult & { stringify?: (r: ExecutionResult) => string };
      if (isAsyncIterable(result) || result.errors || result.extensions) return undefined;
      return (result.stringify ?? JSON.stringify)(result);
    } catch {
      return undefined;
    }
  };
}
