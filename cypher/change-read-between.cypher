// What a commit reads of the relationships joining two entities, either way ($pairs of
// ids): a new relationship must not state what one of them states already.
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]})-[r]-(b:Entity {id: pair[1]})
RETURN pair[0] AS a, pair[1] AS b,
  {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id, properties: r.properties, sources: r.sources,
   modality: r.modality, time: r.time, inferred: r.inferred, record: r.record} AS relationship
