// The changes that touched the record $targetKind $targetId, found from its
// ChangeTarget nodes (the change_target_record index), with the filters and order of
// list-changes.cypher; with each, when $targets, only that record's target.
MATCH (t:ChangeTarget {kind: $targetKind, id: $targetId})
USING INDEX SEEK t:ChangeTarget(kind, id)
WHERE t.seq > $after AND t.seq < $before
WITH DISTINCT t.seq AS seq
MATCH (c:Change {seq: seq})
WHERE ($since IS NULL OR c.at >= $since) AND ($until IS NULL OR c.at <= $until)
  AND ($kinds IS NULL OR c.kind IN $kinds)
WITH c ORDER BY $sign * c.seq LIMIT $limit
CALL (c) {
  WITH c WHERE $targets
  MATCH (t:ChangeTarget {seq: c.seq, kind: $targetKind, id: $targetId})
  USING INDEX SEEK t:ChangeTarget(seq)
  RETURN collect([t.kind, t.id, t.before, t.after]) AS targets
}
RETURN c.seq AS seq, c.at AS at, c.actor AS actor, c.kind AS kind, c.dataset AS dataset, c.reason AS reason,
  c.citations AS citations, c.op AS op, targets
