// Relationships by id (getRelationships, the writes of a change): a range index on `id`
// per relationship type, since a relationship index covers one type. The adapter runs
// this once per type of the vocabulary, {{relationshipType}} replaced by it; the queries
// that find a relationship by id name every type ({{relationshipTypes}}), which Neo4j
// plans as one index seek per type.
CREATE INDEX relationship_id_{{relationshipType}} IF NOT EXISTS
FOR ()-[r:{{relationshipType}}]-() ON (r.id)
