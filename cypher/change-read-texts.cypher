// What a commit reads of documents' texts: for each of $ids, the operation of the last
// ADD_DOCUMENT change that registered it (JSON text holding `text`), found from its
// ChangeTarget nodes (the change_target_record index).
UNWIND $ids AS id
OPTIONAL CALL (id) {
  MATCH (t:ChangeTarget {kind: 'ENTITY', id: id})
  USING INDEX SEEK t:ChangeTarget(kind, id)
  MATCH (c:Change {seq: t.seq})
  WHERE c.kind = 'ADD_DOCUMENT'
  RETURN c.op AS op
  ORDER BY c.seq DESC
  LIMIT 1
}
RETURN id, op
