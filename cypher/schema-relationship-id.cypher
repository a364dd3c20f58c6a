// Relationships by id (getRelationships, the writes of a change): a uniqueness
// constraint on `id` per relationship type, since a relationship index covers one type.
// Its index answers a lookup by id with a unique seek, which the planner prefers
// whatever its statistics say. The adapter runs this once per type of the vocabulary,
// {{relationshipType}} replaced by it; the queries that find a relationship by id
// ({{relationshipById}}) seek it in each.
CREATE CONSTRAINT relationship_id_{{relationshipType}} IF NOT EXISTS
FOR ()-[r:{{relationshipType}}]-() REQUIRE r.id IS UNIQUE
