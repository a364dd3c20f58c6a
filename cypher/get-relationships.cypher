// Relationships by id, each found in its type's index ({{relationshipTypes}}: every
// type of the vocabulary, see schema-relationship-id.cypher), as relationships-of.cypher
// returns them.
UNWIND $ids AS id
MATCH (a)-[r:{{relationshipTypes}} {id: id}]->(b)
RETURN {id: r.id, type: type(r), from: a.id, to: b.id, properties: r.properties, sources: r.sources,
  modality: r.modality, time: r.time, inferred: r.inferred, record: r.record} AS relationship
