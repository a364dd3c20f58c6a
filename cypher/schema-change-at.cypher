// Changes by time (listChanges' since and until).
CREATE INDEX change_at IF NOT EXISTS
FOR (c:Change) ON (c.at)
