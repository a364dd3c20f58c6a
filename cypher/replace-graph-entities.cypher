// A batch of entities of replaceGraph, merged on id. The entity's type is also a
// label, for Neo4j Browser users; a type label it no longer has is removed.
// Types come from the vocabulary ($entityTypes), checked by the adapter. The
// element ids, paired with the ids, let the relationship statements find the ends.
// `name` and `aliases`, which graph format 3 wrote, are removed. A null `record`
// (none) removes the property.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row, [l IN labels(e) WHERE l IN $entityTypes AND l <> row.type] AS stale
REMOVE e:$(stale)
SET e:$(row.type)
REMOVE e.name, e.aliases
SET e.type = row.type,
    e.category = row.category,
    e.label = row.label,
    e.names = row.names,
    e.status = row.status,
    e.inferred = row.inferred,
    e.properties = row.properties,
    e.sources = row.sources,
    e.record = row.record,
    e.intervalStarts = row.intervalStarts,
    e.intervalEnds = row.intervalEnds,
    e.searchText = row.searchText
RETURN collect(row.id) AS ids, collect(elementId(e)) AS elementIds
