// A batch of entities of replaceGraph into a database holding no entity: CREATE,
// no MERGE and no label clean-up. The entity's type is also a label, for Neo4j
// Browser users; types come from the vocabulary, checked by the adapter. Each row
// holds exactly the entity's properties (a null category is left unset). The
// element ids, paired with the ids, let the relationship statements find the ends.
UNWIND $rows AS row
CREATE (e:Entity:$(row.type))
SET e = row
RETURN collect(row.id) AS ids, collect(elementId(e)) AS elementIds
