// Relationships kept (same id, type and ends) whose properties, citations, modality, time, inferred map or record changed:
// $rows maps their id to the new values; each is found by id in its type's index, as
// get-relationships.cypher finds them.
UNWIND keys($rows) AS id
{{relationshipById}}
WITH r, $rows[id] AS row
SET r.properties = row.properties,
    r.sources = row.sources,
    r.modality = row.modality,
    r.time = row.time,
    r.inferred = row.inferred,
    r.record = row.record,
    r.validFrom = row.validFrom,
    r.validTo = row.validTo
RETURN count(r) AS updated
