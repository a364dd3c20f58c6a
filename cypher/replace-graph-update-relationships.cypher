// Relationships kept (same id, type and ends) whose properties, citations, modality, time, inferred map or record changed:
// $rows maps their id to the new values; each is found by id in its type's index
// ({{relationshipTypes}}: every type of the vocabulary, see schema-relationship-id.cypher).
UNWIND keys($rows) AS id
MATCH ()-[r:{{relationshipTypes}} {id: id}]->()
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
