// The records changes touched, a batch of them: the change's seq, kind, id, and the record
// as it was before and after, as JSON text (null: it did not exist, or stopped being current).
UNWIND $targets AS t
CREATE (:ChangeTarget {seq: t.seq, kind: t.kind, id: t.id, before: t.before, after: t.after})
RETURN count(*) AS written
