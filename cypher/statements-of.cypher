// What a document states: the entities and relationships whose sources cite it.
// Sources are JSON text; $cites is the text `"document":"<id>"` that a citation of
// the document holds, and nothing else holds (JSON escapes every quote inside a
// value). A page of up to $limit of each after $afterKind/$afterId (null: from the
// start): entities by id, then relationships by id; the adapter keeps the first
// ones, and reads the entities by id. And how many there are in all.
CALL () {
  MATCH (e:Entity) WHERE e.sources CONTAINS $cites
  RETURN count(e) AS entityCount
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.sources CONTAINS $cites
  RETURN count(r) AS relationshipCount
}
CALL () {
  MATCH (e:Entity)
  WHERE e.sources CONTAINS $cites AND ($afterKind IS NULL OR ($afterKind = 'entity' AND e.id > $afterId))
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect(e.id) AS entityIds
}
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.sources CONTAINS $cites AND ($afterKind IS NULL OR $afterKind = 'entity' OR r.id > $afterId)
  WITH r, a, b ORDER BY r.id LIMIT $limit
  RETURN collect({id: r.id, type: type(r), from: a.id, to: b.id, properties: r.properties, sources: r.sources,
                  modality: r.modality, time: r.time, inferred: r.inferred, record: r.record}) AS relationships
}
RETURN entityCount + relationshipCount AS totalCount, entityIds, relationships
