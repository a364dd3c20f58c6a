// What a commit reads of request keys: the changes committed under each of $keys (the
// change_request_key index, hinted: the planner's statistics may not know it yet), with their targets, as list-changes.cypher returns changes.
UNWIND $keys AS key
MATCH (c:Change {requestKey: key})
USING INDEX SEEK c:Change(requestKey)
CALL (c) {
  MATCH (t:ChangeTarget {seq: c.seq})
  USING INDEX SEEK t:ChangeTarget(seq)
  WITH t ORDER BY t.kind, t.id
  RETURN collect([t.kind, t.id, t.before, t.after]) AS targets
}
RETURN key, c.seq AS seq, c.at AS at, c.actor AS actor, c.kind AS kind, c.dataset AS dataset, c.reason AS reason,
  c.citations AS citations, c.op AS op, c.requestKey AS requestKey, c.requestDigest AS requestDigest, targets
ORDER BY seq
