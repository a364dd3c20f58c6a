// First statement of a commit (and of replaceGraph for a graph folded through a change):
// writing the ChangeLog node takes its write lock, held until the transaction ends, so a
// second writer waits here until the first has committed or rolled back. Then, under the
// lock, where the log ends (its last change's number and time, read backwards from the
// change_seq index; null for an empty log) and the version of the graph the store holds:
// what every writer before this one committed.
MERGE (l:ChangeLog {id: 'log'})
SET l.commits = coalesce(l.commits, 0) + 1
WITH l
OPTIONAL CALL () {
  MATCH (c:Change)
  WHERE c.seq IS NOT NULL
  RETURN c
  ORDER BY c.seq DESC
  LIMIT 1
}
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN c.seq AS seq, c.at AS at, m.version AS graphVersion
