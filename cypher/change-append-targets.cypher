// The records a change touched, a batch of them: kind, id, and the record as it was
// before and after, as JSON text (null: it did not exist, or stopped being current).
UNWIND $targets AS t
CREATE (:ChangeTarget {seq: $seq, kind: t.kind, id: t.id, before: t.before, after: t.after})
RETURN count(*) AS written
