// The merged ids of the entities a change writes ($entities, their ids): $into maps each
// id merged into one of them to it. Those they no longer hold are deleted; an id held
// moves to the entity that holds it now.
CALL () {
  UNWIND $entities AS entity
  MATCH (m:MergedId {into: entity})
  USING INDEX SEEK m:MergedId(into)
  WHERE $into[m.id] IS NULL OR $into[m.id] <> entity
  DELETE m
}
UNWIND keys($into) AS id
MERGE (m:MergedId {id: id})
SET m.into = $into[id]
RETURN count(m) AS merged
