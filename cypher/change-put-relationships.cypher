// The relationships a change writes, each stamped with the change's number, created
// anew between their ends (one held already under its id was deleted first by
// change-delete-relationships.cypher: a merge may have moved its ends), of their type
// ($(row.type): a vocabulary type, checked by the adapter), with the properties
// replace-graph-relationships.cypher writes. The adapter checks every row was written:
// both ends exist.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type) {id: row.id, properties: row.properties, sources: row.sources, modality: row.modality,
                          time: row.time, validFrom: row.validFrom, validTo: row.validTo, inferred: row.inferred, record: row.record}]->(b)
RETURN count(r) AS written
