// What relies on $id: dependency relationships ($types) followed backwards.
// {{maxDepth}} is replaced by the adapter with an integer it has checked to be in
// 1..10: quantifier bounds cannot be parameters in Cypher 5.
//
// SHORTEST 1 with a free end node is one breadth-first search from the start,
// giving each reachable entity once with its distance. Entities are ranked by
// (distance, id) and the first $limit kept, as the embedded store's walk keeps them.
MATCH (start:Entity {id: $id})
CALL (start) {
  OPTIONAL MATCH p = SHORTEST 1 (start)<-[r WHERE type(r) IN $types]-{1,{{maxDepth}}}(n:Entity)
  WHERE n <> start
  WITH n, length(p) AS distance
  ORDER BY distance, n.id
  RETURN collect(n) AS reached
}
WITH [start] + reached AS ranked
WITH ranked[0..$limit] AS kept, size(ranked) > $limit AS truncated
// The subgraph holds every relationship of the types followed whose two ends were kept.
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN kept AND type(r) IN $types
  WITH a, r, b ORDER BY r.id
  RETURN collect({id: r.id, type: type(r), from: a.id, to: b.id, properties: r.properties, sources: r.sources}) AS relationships
}
RETURN [n IN kept | n {.id, .type, .category, .name, .aliases, .properties, .sources}] AS nodes, relationships, truncated
