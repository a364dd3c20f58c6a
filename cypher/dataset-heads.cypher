// Each dataset's last LOAD (the DatasetHead nodes change-write-log.cypher moves), by dataset, and
// whether the log holds a LOAD at all (a log from before the heads has none recorded).
OPTIONAL MATCH (d:DatasetHead)
WITH d ORDER BY d.dataset
WITH collect([d.dataset, d.version, d.seq]) AS heads
OPTIONAL CALL () {
  MATCH (c:Change)
  USING INDEX SEEK c:Change(seq)
  WHERE c.seq > 0 AND c.kind = 'LOAD'
  RETURN c LIMIT 1
}
RETURN heads, c IS NOT NULL AS loaded
