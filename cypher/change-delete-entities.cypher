// The entities a change removes, with their relationships and the ids merged into them.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (id) {
  MATCH (m:MergedId {into: id})
  USING INDEX SEEK m:MergedId(into)
  DELETE m
}
DETACH DELETE e
RETURN count(*) AS deleted
