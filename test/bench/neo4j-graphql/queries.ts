/**
 * The benchmark's six queries as a user of the @neo4j/graphql server asks them
 * (test/bench/neo4j-graphql/server.ts), with the same variables as our API's
 * (test/bench/queries.ts): $id, $text, $from, $to.
 *
 * Q1-Q3 use what the library generates: the `entities` query with a `where`
 * filter, the relationship fields of `Entity`, and the full-text query of the
 * `@fulltext` index. Q4-Q6 are the `@cypher` query fields of type-defs.ts.
 * Q5's depth bound is in its Cypher (BOUNDS.pathMaxDepth): Cypher takes no
 * parameter there.
 */
import { BOUNDS, type QueryName } from '../queries';
import { RELATIONSHIP_FIELDS } from './type-defs';

/** Every relationship field of an entity, both directions, with the other end's id and name. */
const everyRelationship = RELATIONSHIP_FIELDS.map((f) => `${f.out} { id name } ${f.in} { id name }`).join(' ');

export const NEO4J_GRAPHQL_QUERIES: Record<QueryName, string> = {
  Q1: `query Q1($id: ID!) { entities(where: { id: { eq: $id } }) { id name } }`,
  Q2: `query Q2($id: ID!) { entities(where: { id: { eq: $id } }) { id name ${everyRelationship} } }`,
  Q3: `query Q3($text: String!) { searchEntities(phrase: $text, first: 10, sort: [{ score: DESC }, { node: { id: ASC } }]) { edges { score node { id name } } } }`,
  Q4: `query Q4($id: ID!) { neighbourhood(id: $id, depth: ${BOUNDS.neighbourhoodDepth}, limit: ${BOUNDS.nodeLimit}) { truncated nodes { id } relationships { id } } }`,
  Q5: `query Q5($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id } } }`,
  Q6: `query Q6($id: ID!) { dependents(id: $id, maxDepth: ${BOUNDS.dependencyDepth}, limit: ${BOUNDS.nodeLimit}) { truncated nodes { id } } }`,
};

/**
 * The same six queries with Q3 answered as our server answers it (type-defs.ts,
 * SEARCH_CYPHER: folded words, prefix matches, our ranking) instead of by the
 * native full-text query, which hands the text to Lucene as it is.
 */
export const NEO4J_GRAPHQL_QUERIES_LIKE_FOR_LIKE: Record<QueryName, string> = {
  ...NEO4J_GRAPHQL_QUERIES,
  Q3: `query Q3($text: String!) { search(text: $text, first: 10) { score entity { id name } } }`,
};
