// The relationships a change removes or writes again, found by id in their type's
// index, as get-relationships.cypher finds them.
UNWIND $ids AS id
{{relationshipById}}
DELETE r
RETURN count(*) AS deleted
