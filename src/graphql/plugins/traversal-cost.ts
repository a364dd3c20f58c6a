import { getArgumentValues, GraphQLError, Kind, type DefinitionNode, type FragmentDefinitionNode, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMITS, TRAVERSAL_COST } from '../../domain/limits';

type Fragments = Record<string, FragmentDefinitionNode>;

/** The root fields of a selection, through fragments, each with its arguments as the request resolves them. */
function* rootFields(selections: SelectionSetNode, root: GraphQLObjectType, fragments: Fragments, variables: Record<string, unknown>, seen = new Set<string>()): Generator<[string, Record<string, unknown>]> {
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = root.getFields()[selection.name.value];
      if (field) yield [field.name, getArgumentValues(field, selection, variables)];
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* rootFields(selection.selectionSet, root, fragments, variables, seen);
    } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      seen.add(selection.name.value);
      yield* rootFields(fragments[selection.name.value]!.selectionSet, root, fragments, variables, seen);
    }
  }
}

/**
 * Weighs each traversal of a request by what it can touch (src/domain/limits.ts:
 * its node limit times its depth) and refuses, before anything runs, a request whose
 * traversals together weigh more than the budget. Runs after variable coercion, so it
 * sees the values the resolvers will get.
 */
export function useTraversalCost(): Plugin {
  // yoga hands the same document object for the same query text (its parse cache): whether
  // a document asks for any traversal at all is worked out once.
  const traverses = new WeakMap<object, boolean>();
  const asksTraversal = (document: { definitions: readonly DefinitionNode[] }) => {
    let known = traverses.get(document);
    if (known === undefined) {
      known = JSON.stringify(document.definitions, (key, value: unknown) => (key === 'loc' ? undefined : value)).match(/"value":"(neighbourhood|dependencies|shortestPaths?)"/) !== null;
      traverses.set(document, known);
    }
    return known;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!asksTraversal(args.document)) return;
      const root = args.schema.getQueryType();
      const operation = args.document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (args.operationName ? d.name?.value === args.operationName : true),
      );
      if (!root || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return;
      const fragments: Fragments = {};
      for (const d of args.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      let cost = 0;
      for (const [name, values] of rootFields(operation.selectionSet, root, fragments, (args.variableValues ?? {}) as Record<string, unknown>)) {
        cost += TRAVERSAL_COST[name as keyof typeof TRAVERSAL_COST]?.(values as never) ?? 0;
      }
      if (cost > LIMITS.traversalBudget) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `The traversals of this request could touch ${cost} nodes (node limit × depth, summed), more than the ${LIMITS.traversalBudget} one request may: lower their limit or depth, or split the request.`,
              { extensions: { code: 'LIMIT_EXCEEDED', limit: 'traversalCost', cost, max: LIMITS.traversalBudget } },
            ),
          ],
        });
      }
    },
  };
}
