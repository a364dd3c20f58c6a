// A batch of relationships of replaceGraph, merged with their vocabulary type
// (checked by the adapter) so that Neo4j Browser shows meaningful types. A row
// whose ends are unknown matches nothing: the adapter compares what was written
// with what it sent and fails the whole transaction on a difference.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.properties = row.properties,
    r.sources = row.sources
RETURN collect(row.id) AS written
