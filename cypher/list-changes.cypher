// Changes of the log numbered above $after and below $before (integers the adapter
// derives from after, before and through: a range seek in the change_seq index),
// made at or after $since and at or before $until, of $kinds (each null: all), the
// first $limit in the order of $sign * seq (1: oldest first, -1: newest first). With
// each, its targets when $targets, by kind then id (the adapter sorts them again).
// Citations, the operation and each target's records are JSON text. The hints keep
// index seeks whatever the planner's statistics say (see cypher-queries.ts).
MATCH (c:Change)
USING INDEX SEEK c:Change(seq)
WHERE c.seq > $after AND c.seq < $before
  AND ($since IS NULL OR c.at >= $since) AND ($until IS NULL OR c.at <= $until)
  AND ($kinds IS NULL OR c.kind IN $kinds)
WITH c ORDER BY $sign * c.seq LIMIT $limit
CALL (c) {
  WITH c WHERE $targets
  MATCH (t:ChangeTarget {seq: c.seq})
  USING INDEX SEEK t:ChangeTarget(seq)
  WITH t ORDER BY t.kind, t.id
  RETURN collect([t.kind, t.id, t.before, t.after]) AS targets
}
RETURN c.seq AS seq, c.at AS at, c.actor AS actor, c.kind AS kind, c.dataset AS dataset, c.reason AS reason,
  c.citations AS citations, c.op AS op, targets
