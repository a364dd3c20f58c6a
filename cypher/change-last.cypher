// The last change of the log (its number and time, null for an empty log), read
// backwards from the change_seq index, and the version of the graph the store holds.
OPTIONAL CALL () {
  MATCH (c:Change)
  WHERE c.seq IS NOT NULL
  RETURN c
  ORDER BY c.seq DESC
  LIMIT 1
}
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN c.seq AS seq, c.at AS at, m.version AS graphVersion
