// First step of replaceGraph: drop every relationship the new graph does not hold
// as it is. $keep maps a relationship id to 'TYPE from to'; one whose id is kept
// but whose type or ends changed goes too, and is merged again afterwards.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $keep[r.id] IS NULL OR $keep[r.id] <> type(r) + ' ' + a.id + ' ' + b.id
DELETE r
RETURN count(*) AS deleted
