// The changes that touched a record (listChanges' target): ChangeTarget nodes by kind and id.
CREATE INDEX change_target_record IF NOT EXISTS
FOR (t:ChangeTarget) ON (t.kind, t.id)
