// The merged ids of an entity, rewritten when a change writes or removes it.
CREATE INDEX merged_into IF NOT EXISTS
FOR (m:MergedId) ON (m.into)
