// First statement of a commit: change-lock.cypher (the log locked, then where it ends and
// the graph's version, read under the lock), and with it, under the same lock, what every
// commit reads: the entities of $ids as change-read-entities.cypher reads them, and the
// changes of $keys as change-read-keys.cypher does. The rest of what a commit reads goes
// in statements of their own, sent with this one (neo4j-view.ts).
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
CALL () {
  UNWIND $ids AS id
  OPTIONAL MATCH (e:Entity {id: id})
  OPTIONAL MATCH (mi:MergedId {id: id})
  OPTIONAL MATCH (t:Entity {id: mi.into})
  RETURN collect({id: id, into: mi.into,
    entity: CASE WHEN e IS NULL THEN null ELSE e {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} END,
    target: CASE WHEN t IS NULL THEN null ELSE t {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} END}) AS entities
}
CALL () {
  UNWIND $keys AS key
  MATCH (k:Change {requestKey: key})
  USING INDEX SEEK k:Change(requestKey)
  CALL (k) {
    MATCH (t:ChangeTarget {seq: k.seq})
    USING INDEX SEEK t:ChangeTarget(seq)
    WITH t ORDER BY t.kind, t.id
    RETURN collect([t.kind, t.id, t.before, t.after]) AS targets
  }
  WITH key, k, targets ORDER BY k.seq
  RETURN collect({key: key, seq: k.seq, at: k.at, actor: k.actor, kind: k.kind, dataset: k.dataset, reason: k.reason,
    citations: k.citations, op: k.op, requestKey: k.requestKey, requestDigest: k.requestDigest, targets: targets}) AS keyed
}
RETURN c.seq AS seq, c.at AS at, m.version AS graphVersion, entities, keyed
