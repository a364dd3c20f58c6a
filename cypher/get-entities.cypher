UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e {.id, .type, .category, .name, .aliases, .properties, .sources} AS entity
