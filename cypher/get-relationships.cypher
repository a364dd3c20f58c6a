// Relationships by id, as relationships-of.cypher returns them. {{relationshipById}} is
// the MATCH of `r`, of id `id`, and its ends `a` and `b`, through every type of the
// vocabulary: one unique seek per type, in the index of its constraint on id
// (schema-relationship-id.cypher), forced by hints (see cypher-queries.ts).
UNWIND $ids AS id
{{relationshipById}}
RETURN {id: r.id, type: type(r), from: a.id, to: b.id, properties: r.properties, sources: r.sources,
  modality: r.modality, time: r.time, inferred: r.inferred, record: r.record} AS relationship
