// Relationships kept (same id, type and ends) whose properties, citations, modality, time or inferred map changed:
// one scan per batch; $rows maps their id to the new values.
MATCH ()-[r]->()
WHERE $rows[r.id] IS NOT NULL
WITH r, $rows[r.id] AS row
SET r.properties = row.properties,
    r.sources = row.sources,
    r.modality = row.modality,
    r.time = row.time,
    r.inferred = row.inferred,
    r.validFrom = row.validFrom,
    r.validTo = row.validTo
RETURN count(r) AS updated
