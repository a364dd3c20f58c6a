import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema does not have (a mutation or a subscription
 * before they exist) at validation, as a client error: graphql-js 16 has no such rule and
 * the executor would fail with an uncoded error.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`This API does not answer ${node.operation} operations.`, { nodes: [node] }));
  },
});
