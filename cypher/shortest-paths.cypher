// Every shortest path between $from and $to ignoring direction, through $types (all
// when null), of $modalities and holding at $validAt (null: all, as in
// relationships-of.cypher); at most $first of them. {{maxDepth}} is replaced by the
// adapter with an integer it has checked to be in 1..10: quantifier bounds cannot be
// parameters in Cypher 5.
//
// Ordered by their relationship ids read from $from (a list orders element by
// element), the first $first kept: the order of byRelationshipIds, which the adapter
// sorts by again. Two relationships joining the same entities make two paths.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL CALL (a, b) {
  MATCH p = ALL SHORTEST (a)-[r WHERE ($types IS NULL OR type(r) IN $types) AND
    ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0]))]-{1,{{maxDepth}}}(b)
  RETURN p
  ORDER BY [x IN relationships(p) | x.id]
  LIMIT $first
}
WITH a, b, p
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  collect({
    nodes: [n IN nodes(p) | n {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record}],
    relationships: [r IN relationships(p) | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id, properties: r.properties, sources: r.sources,
      modality: r.modality, time: r.time, inferred: r.inferred, record: r.record}]
  }) AS paths
