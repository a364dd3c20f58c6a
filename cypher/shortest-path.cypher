// A shortest path between $from and $to ignoring direction, through $types (all
// when null), of $modalities and holding at $validAt (null: all, as in
// relationships-of.cypher). {{maxDepth}} is replaced by the adapter with an integer it has
// checked to be in 1..10: quantifier bounds cannot be parameters in Cypher 5.
//
// Among equally short paths, the one whose relationship ids, read from $to back
// to $from, sort first: the path the embedded store's breadth-first search finds.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL CALL (a, b) {
  MATCH p = ALL SHORTEST (a)-[r WHERE ($types IS NULL OR type(r) IN $types) AND
    ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0]))]-{1,{{maxDepth}}}(b)
  RETURN p
  ORDER BY [x IN reverse(relationships(p)) | x.id]
  LIMIT 1
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  [n IN nodes(p) | n {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record}] AS nodes,
  [r IN relationships(p) | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id, properties: r.properties, sources: r.sources,
    modality: r.modality, time: r.time, inferred: r.inferred, record: r.record}] AS relationships
