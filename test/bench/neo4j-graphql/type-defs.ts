/**
 * The type definitions the @neo4j/graphql comparison server is built from: the
 * graph our Neo4j store writes, described the way a user of @neo4j/graphql 7
 * would describe it, with no resolver of ours.
 *
 * - `Entity` maps every node labelled `:Entity` (the per-type label, e.g.
 *   `:Platform`, is not used: one type keeps Q2 a single native selection).
 * - Every relationship type of the vocabulary is two native fields, `out<Type>`
 *   (direction OUT) and `in<Type>` (direction IN), e.g. `outDependsOn` / `inDependsOn`.
 * - `searchEntities` is the library's native full-text query over the index our
 *   store created (`entity_search`); `search` is a `@cypher` field that answers
 *   as our server does (see SEARCH_CYPHER).
 * - Q4-Q6 are `@cypher` query fields: the library has no traversal of its own.
 * - `@mutation(operations: [])` generates no mutation: this server only reads.
 *
 * Print them with `npx tsx test/bench/neo4j-graphql/type-defs.ts [apoc|qpp]`.
 */
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../../src/domain/vocabulary';
import { BOUNDS } from '../queries';

/**
 * How Q4 and Q6 walk the graph. `apoc` (the default): apoc.path.spanningTree, what
 * a user of the library would reach for. `qpp`: the quantified path pattern our
 * store runs (cypher/neighbourhood.cypher, cypher/dependencies-downstream.cypher),
 * to tell the cost of the GraphQL layer from the cost of the Cypher; its depth is
 * fixed at BOUNDS (a quantifier cannot be a parameter), other depths answer null.
 */
export type Traversal = 'apoc' | 'qpp';

/** `PARTICIPATES_IN` -> `ParticipatesIn`. */
function pascal(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The two relationship fields of a type, as the queries select them. */
export const RELATIONSHIP_FIELDS: readonly { type: RelationshipType; out: string; in: string }[] = RELATIONSHIP_TYPES.map((type) => ({
  type,
  out: `out${pascal(type)}`,
  in: `in${pascal(type)}`,
}));

const DEPENDENCY_TYPES = ['DEPENDS_ON', 'BUILDS_ON', 'INTEGRATES'] as const;
const DEPENDENCY_LIST = `[${DEPENDENCY_TYPES.map((t) => `'${t}'`).join(', ')}]`;

/**
 * The entities reached from `start`, each once, ranked by (distance, id), as
 * `reached`. apoc.path.spanningTree walks breadth first with global node
 * uniqueness, so a path's length is its end's distance; SHORTEST 1 with a free
 * end node is one breadth-first search too.
 */
function reached(traversal: Traversal, walk: 'neighbourhood' | 'downstream'): string {
  const depth = walk === 'neighbourhood' ? '$depth' : '$maxDepth';
  const fixed = walk === 'neighbourhood' ? BOUNDS.neighbourhoodDepth : BOUNDS.dependencyDepth;
  if (traversal === 'apoc') {
    const filter = walk === 'downstream' ? `, relationshipFilter: '${DEPENDENCY_TYPES.map((t) => `<${t}`).join('|')}'` : '';
    return `MATCH (start:Entity {id: $id})
CALL (start) {
  CALL apoc.path.spanningTree(start, {minLevel: 1, maxLevel: ${depth}, bfs: true${filter}}) YIELD path
  WITH last(nodes(path)) AS n, length(path) AS distance
  ORDER BY distance, n.id
  RETURN collect(n) AS reached
}`;
  }
  const step = walk === 'downstream' ? `<-[r WHERE type(r) IN ${DEPENDENCY_LIST}]-` : '-[]-';
  return `MATCH (start:Entity {id: $id})
WHERE ${depth} = ${fixed}
CALL (start) {
  OPTIONAL MATCH p = SHORTEST 1 (start)${step}{1,${fixed}}(n:Entity)
  WHERE n <> start
  WITH n, length(p) AS distance
  ORDER BY distance, n.id
  RETURN collect(n) AS reached
}`;
}

/**
 * Q4 and Q6: the start and what it reaches, cut at `limit` entities (the start
 * counts), with the relationships (of the types followed) between the kept ones.
 */
function subgraph(traversal: Traversal, walk: 'neighbourhood' | 'downstream'): string {
  const typeFilter = walk === 'downstream' ? ` AND type(r) IN ${DEPENDENCY_LIST}` : '';
  return `
${reached(traversal, walk)}
WITH [start] + reached AS ranked
WITH ranked[0..$limit] AS kept, size(ranked) > $limit AS truncated
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN kept${typeFilter}
  WITH a, r, b ORDER BY r.id
  RETURN collect({id: r.id, type: type(r), from: a.id, to: b.id}) AS relationships
}
RETURN {truncated: truncated, nodes: [n IN kept | n {.id, name: n.label}], relationships: relationships} AS subgraph`;
}

export const neighbourhoodCypher = (traversal: Traversal) => subgraph(traversal, 'neighbourhood');
export const dependentsCypher = (traversal: Traversal) => subgraph(traversal, 'downstream');

/**
 * Q5: a shortest path between two entities, ignoring direction, of at most
 * BOUNDS.pathMaxDepth hops; among equally short ones, the one whose relationship
 * ids read from `to` back to `from` sort first (our store's choice, so that both
 * servers name the same nodes). No path, or an unknown end: null.
 */
export const SHORTEST_PATH_CYPHER = `
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a = b
  RETURN [a] AS nodes, 0 AS length
  UNION
  WITH a, b WHERE a <> b
  MATCH p = allShortestPaths((a)-[*..${BOUNDS.pathMaxDepth}]-(b))
  WITH p ORDER BY [x IN reverse(relationships(p)) | x.id] LIMIT 1
  RETURN nodes(p) AS nodes, length(p) AS length
}
RETURN {length: length, nodes: [n IN nodes | n {.id, name: n.label}]} AS path`;

/** Folds a Cypher string expression as our foldText does: lower case, no accents, single spaces, trimmed. */
const fold = (x: string) => `trim(apoc.text.regreplace(apoc.text.regreplace(normalize(toLower(${x}), NFD), '\\\\p{M}+', ''), '(?U)\\\\s+', ' '))`;

/**
 * Q3 with our server's semantics (the native `searchEntities` hands the text to
 * Lucene as it is: no accent folding, no prefix match, words OR-ed): the text's
 * words folded as our store folds them (apoc.text.clean: lower case, no accents,
 * letters and digits), each matched whole or as a prefix, all required;
 * max($first * 5, 50) Lucene hits ranked as our searchScore ranks them (exact
 * name or alias 3, a name or alias starting with the text 2, else 1, plus
 * score / (1 + score)), ties by id.
 */
export const SEARCH_CYPHER = `
WITH [w IN [p IN apoc.text.split($text, '[^\\\\p{L}\\\\p{N}\\\\p{M}]+') | apoc.text.clean(p)] WHERE w <> ''] AS words,
     ${fold('$text')} AS q
WHERE size(words) > 0
CALL db.index.fulltext.queryNodes('entity_search', apoc.text.join([w IN words | '(' + w + ' OR ' + w + '*)'], ' AND '),
  {limit: CASE WHEN $first * 5 > 50 THEN $first * 5 ELSE 50 END}) YIELD node, score
WITH node, score, q, [x IN [node.label] + [m IN apoc.convert.fromJsonList(coalesce(node.names, '[]')) | m.text] | ${fold('x')}] AS names
WITH node, score / (1 + score) AS relevance,
  CASE WHEN q IN names THEN 3 WHEN any(n IN names WHERE n STARTS WITH q) THEN 2 ELSE 1 END AS tier
WITH node, tier + CASE WHEN relevance < 0 THEN 0.0 WHEN relevance > 0.999 THEN 0.999 ELSE relevance END AS rank
ORDER BY rank DESC, node.id
LIMIT $first
RETURN {score: rank, entity: node {.id, name: node.label}} AS hit`;

/** A GraphQL block string holding a Cypher statement (its backslashes stay as they are). */
const block = (cypher: string) => `"""${cypher.replace(/"""/g, '\\"""')}\n"""`;

export function typeDefs(traversal: Traversal = 'apoc'): string {
  const relationshipFields = RELATIONSHIP_FIELDS.map(
    (f) =>
      `  ${f.out}: [Entity!]! @relationship(type: "${f.type}", direction: OUT)\n` +
      `  ${f.in}: [Entity!]! @relationship(type: "${f.type}", direction: IN)`,
  ).join('\n');

  return `
type Entity
  @node(labels: ["Entity"])
  @mutation(operations: [])
  @fulltext(indexes: [{ indexName: "entity_search", queryName: "searchEntities", fields: ["searchText"] }]) {
  id: ID!
  type: String!
  category: String
  "The label, as our API's \`name\` answers it for entities without an official name."
  name: String! @alias(property: "label")
  "JSON text of the names, as our store writes it."
  names: String
  "JSON text, as our store writes it."
  properties: String
  "JSON text, as our store writes it."
  sources: String
  "Folded words of the label and names: what the full-text index holds."
  searchText: String
${relationshipFields}
}

"An entity as a @cypher statement returns it: a map, not a @node."
type NodeRef {
  id: ID!
  name: String!
}

type RelationshipRef {
  id: ID!
  type: String!
  from: ID!
  to: ID!
}

type Subgraph {
  truncated: Boolean!
  nodes: [NodeRef!]!
  relationships: [RelationshipRef!]!
}

type Path {
  length: Int!
  nodes: [NodeRef!]!
}

type SearchHit {
  score: Float!
  entity: NodeRef!
}

type Query {
  search(text: String!, first: Int! = 10): [SearchHit!]!
    @cypher(statement: ${block(SEARCH_CYPHER)}, columnName: "hit")
  neighbourhood(id: ID!, depth: Int! = ${BOUNDS.neighbourhoodDepth}, limit: Int! = ${BOUNDS.nodeLimit}): Subgraph
    @cypher(statement: ${block(neighbourhoodCypher(traversal))}, columnName: "subgraph")
  shortestPath(from: ID!, to: ID!): Path
    @cypher(statement: ${block(SHORTEST_PATH_CYPHER)}, columnName: "path")
  dependents(id: ID!, maxDepth: Int! = ${BOUNDS.dependencyDepth}, limit: Int! = ${BOUNDS.nodeLimit}): Subgraph
    @cypher(statement: ${block(dependentsCypher(traversal))}, columnName: "subgraph")
}
`;
}

if (require.main === module) {
  const traversal = process.argv[2] === 'qpp' ? 'qpp' : 'apoc';
  process.stdout.write(typeDefs(traversal));
}
