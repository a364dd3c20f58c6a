// A batch of the relationships replaceGraph creates (those the database does not
// hold yet), with their vocabulary type (checked by the adapter) so that Neo4j
// Browser shows meaningful types. CREATE, not MERGE: a MERGE on a dynamic type
// scans every relationship of the database for each row.
// A row whose ends are unknown matches nothing: the adapter compares what was
// written with what it sent and fails the whole transaction on a difference.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.properties = row.properties,
    r.sources = row.sources
RETURN collect(row.id) AS written
