// The entities within {{maxDepth}} hops of $id, either direction, through $types (all when null).
// {{maxDepth}} is replaced by the adapter with an integer it has checked to be in
// 1..10: quantifier bounds cannot be parameters in Cypher 5.
//
// A variable-length pattern whose paths are reduced to each end's shortest length
// is planned as one breadth-first search that visits each entity once
// (VarLengthExpand(Pruning,BFS)), without building paths. $modalities and $validAt
// (null: all) keep relationships as relationships-of.cypher does. Entities are ranked by
// (distance, id) and the first $limit kept, as the embedded store's walk keeps
// them: the start, then at most $limit others (one more than fits tells truncated);
// `distances` holds each one's distance, in the same order.
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH p = (start)-[rs*1..{{maxDepth}}]-(n)
  WHERE all(r IN rs WHERE ($types IS NULL OR type(r) IN $types) AND
    ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0])))
  WITH n, min(length(p)) AS distance
  WHERE n <> start
  ORDER BY distance, n.id
  LIMIT $limit
  RETURN collect([n, distance]) AS reached
}
WITH [start] + [x IN reached | x[0]] AS ranked, [0] + [x IN reached | x[1]] AS distances
WITH ranked[0..$limit] AS kept, distances[0..$limit] AS distances, size(ranked) > $limit AS truncated
// The subgraph holds every relationship of the types followed whose two ends were
// kept (every end of a relationship is an entity). Rows are positional lists, not
// maps: the driver decodes them faster (see neo4j-rows.ts for the order).
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE b IN kept AND ($types IS NULL OR type(r) IN $types) AND
    ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0]))
  WITH a, r, b ORDER BY r.id
  RETURN collect([r.id, type(r), a.id, b.id, r.properties, r.sources, r.modality, r.time, r.inferred, r.record]) AS relationships
}
RETURN [n IN kept | [n.id, n.type, n.category, n.label, n.names, n.status, n.inferred, n.properties, n.sources, n.record]] AS nodes, distances, relationships, truncated
