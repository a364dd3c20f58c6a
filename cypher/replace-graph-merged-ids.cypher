// The merged ids of the graph replaceGraph writes: $into maps each id merged into an
// entity (its record's mergedFrom) to that entity. One MergedId node per such id;
// those the graph no longer holds are deleted, and those it holds already are left
// as they are, so that loading the same graph twice writes nothing.
CALL () {
  MATCH (m:MergedId)
  WHERE $into[m.id] IS NULL OR $into[m.id] <> m.into
  DELETE m
}
UNWIND keys($into) AS id
MERGE (m:MergedId {id: id})
ON CREATE SET m.into = $into[id]
RETURN count(m) AS merged
