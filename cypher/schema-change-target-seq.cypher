// The targets of a change, read with it.
CREATE INDEX change_target_seq IF NOT EXISTS
FOR (t:ChangeTarget) ON (t.seq)
