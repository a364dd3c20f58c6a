// The relationships of a batch of entities. Symmetric types ($symmetric) are
// returned for either end whatever $direction ('OUT', 'IN' or 'BOTH') asks.
UNWIND $ids AS anchor
MATCH (e:Entity {id: anchor})
CALL (e) {
  MATCH (e)-[r]->(other:Entity)
  WHERE ($types IS NULL OR type(r) IN $types) AND ($direction <> 'IN' OR type(r) IN $symmetric)
  RETURN r, e AS source, other AS target
  UNION ALL
  MATCH (e)<-[r]-(other:Entity)
  WHERE ($types IS NULL OR type(r) IN $types) AND ($direction <> 'OUT' OR type(r) IN $symmetric)
  RETURN r, other AS source, e AS target
}
RETURN anchor,
  {id: r.id, type: type(r), from: source.id, to: target.id, properties: r.properties, sources: r.sources} AS relationship
