// The number of the last change committed at or before $instant (0 when none): times never
// decrease along the log, so it is the change of the latest time up to then, read backwards
// from the change_at index.
OPTIONAL CALL () {
  MATCH (c:Change)
  USING INDEX SEEK c:Change(at)
  WHERE c.at <= $instant
  RETURN c
  ORDER BY c.at DESC, c.seq DESC
  LIMIT 1
}
RETURN coalesce(c.seq, 0) AS seq
