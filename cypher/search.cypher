// $query is a Lucene query the adapter builds from folded words, each escaped.
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $limit}) YIELD node, score
RETURN node {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record} AS entity, score
