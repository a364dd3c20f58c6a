// A change appended to the log: $seq (an integer) is one after the last, read under the
// ChangeLog lock; $at is never before the last change's time. Citations and the
// operation are JSON text.
CREATE (:Change {seq: $seq, at: $at, actor: $actor, kind: $kind, dataset: $dataset, reason: $reason, citations: $citations, op: $op})
