import type { Plugin } from 'graphql-yoga';
import { getOperationAST, getVariableValues, GraphQLError } from 'graphql';

/**
 * Coerces the variables with graphql-js before execution, so that a wrong or missing value
 * (null for a non-null, 1.5 or "10" for an Int, an unknown enum value) is a client error
 * naming the variable: graphql-jit's own coercion errors carry no code and would be masked.
 */
export function useVariableCoercion(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) {
        const message = args.operationName
          ? `The document has no operation named "${args.operationName}".`
          : 'The document holds several operations: name the one to run with "operationName".';
        setResultAndStopExecution({ errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument: 'operationName' } })] });
        return;
      }
      if (!operation.variableDefinitions?.length) return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 20 });
      if (!coerced.errors) return;
      setResultAndStopExecution({
        errors: coerced.errors.map((error) => {
          const variable = error.nodes?.find((n) => n.kind === 'VariableDefinition');
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: { code: 'BAD_USER_INPUT', ...(variable?.kind === 'VariableDefinition' ? { variable: variable.variable.name.value } : {}) },
          });
        }),
      });
    },
  };
}
