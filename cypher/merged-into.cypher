// For each of $ids merged into a current entity, that entity's id.
UNWIND $ids AS id
MATCH (m:MergedId {id: id})
RETURN m.id AS id, m.into AS into
