// What a commit appends to the log, in one statement: its changes ($changes: seq, an
// integer one after the last read under the ChangeLog lock, at never before the last
// change's time, citations and the operation as JSON text, the request key and digest),
// the records they touched ($targets: seq, kind, id, before and after as JSON text; a
// LOAD's further targets follow in change-append-targets.cypher), the dataset heads its
// LOADs move ($heads), and the graph's version after its writes ($version; null: unchanged).
CALL () {
  UNWIND $changes AS c
  CREATE (:Change {seq: c.seq, at: c.at, actor: c.actor, kind: c.kind, dataset: c.dataset, reason: c.reason, citations: c.citations, op: c.op,
                   requestKey: c.requestKey, requestDigest: c.requestDigest})
}
CALL () {
  UNWIND $targets AS t
  CREATE (:ChangeTarget {seq: t.seq, kind: t.kind, id: t.id, before: t.before, after: t.after})
}
CALL () {
  UNWIND $heads AS h
  MERGE (d:DatasetHead {dataset: h.dataset})
  SET d.version = h.version, d.seq = h.seq
}
CALL () {
  WITH $version AS version WHERE version IS NOT NULL
  MERGE (m:GraphMeta {key: 'graph'})
  SET m.version = version
}
RETURN count(*) AS written
