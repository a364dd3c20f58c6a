// The relationships a change removes or writes again, found by id in their type's
// index ({{relationshipTypes}}: every type of the vocabulary).
UNWIND $ids AS id
MATCH ()-[r:{{relationshipTypes}} {id: id}]->()
DELETE r
RETURN count(*) AS deleted
