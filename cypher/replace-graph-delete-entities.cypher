// Second step of replaceGraph: drop every entity the new graph does not hold.
MATCH (e:Entity)
WHERE NOT e.id IN $ids
DETACH DELETE e
RETURN count(*) AS deleted
