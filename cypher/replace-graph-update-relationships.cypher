// Relationships kept (same id, type and ends) whose properties or citations changed:
// one scan per batch; $rows maps their id to the new values.
MATCH ()-[r]->()
WHERE $rows[r.id] IS NOT NULL
WITH r, $rows[r.id] AS row
SET r.properties = row.properties,
    r.sources = row.sources
RETURN count(r) AS updated
