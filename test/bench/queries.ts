/**
 * The benchmark's six queries, as our API asks them. Every server of the comparison
 * answers the same question for the same variables; test/bench/neo4j-graphql/ has
 * the @neo4j/graphql spelling of each.
 */
export const QUERIES = {
  Q1: `query Q1($id: ID!) { node(id: $id) { id name } }`,
  Q2: `query Q2($id: ID!) { node(id: $id) { id name relationships { type from { id name } to { id name } } } }`,
  Q3: `query Q3($text: String!) { search(text: $text, first: 10) { score entity { id name } } }`,
  Q4: `query Q4($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 1000) { truncated nodes { id } relationships { id } } }`,
  Q5: `query Q5($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxDepth: 6) { length nodes { id } } }`,
  Q6: `query Q6($id: ID!) { dependencies(id: $id, direction: DOWNSTREAM, maxDepth: 5, limit: 1000) { truncated nodes { id } } }`,
} as const;

export type QueryName = keyof typeof QUERIES;
export const QUERY_NAMES = Object.keys(QUERIES) as QueryName[];

/** Traversal bounds shared by every implementation of Q4-Q6, the typed-array limit included. */
export const BOUNDS = { neighbourhoodDepth: 2, pathMaxDepth: 6, dependencyDepth: 5, nodeLimit: 1000 } as const;
