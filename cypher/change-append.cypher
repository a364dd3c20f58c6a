// The changes of a commit appended to the log: each $changes' seq (an integer) follows
// the last, read under the ChangeLog lock; at is never before the last change's time.
// Citations and the operation are JSON text; requestKey and requestDigest, the key the
// commit was asked under (change_request_key) and a digest of what was asked.
UNWIND $changes AS c
CREATE (:Change {seq: c.seq, at: c.at, actor: c.actor, kind: c.kind, dataset: c.dataset, reason: c.reason, citations: c.citations, op: c.op,
                 requestKey: c.requestKey, requestDigest: c.requestDigest})
