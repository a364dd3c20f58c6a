UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} AS entity
