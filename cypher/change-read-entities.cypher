// What a commit reads of entities, under the ChangeLog lock: for each of $ids, the entity
// of that id, the entity it was merged into (its MergedId), and that entity, so that the
// commit resolves an id merged away (src/domain/id-rule.ts) without another round trip.
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (m:MergedId {id: id})
OPTIONAL MATCH (t:Entity {id: m.into})
RETURN id, m.into AS into,
  CASE WHEN e IS NULL THEN null ELSE e {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} END AS entity,
  CASE WHEN t IS NULL THEN null ELSE t {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} END AS target
