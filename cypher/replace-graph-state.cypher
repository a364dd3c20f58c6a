// First step of replaceGraph: is there a graph to replace? Both counts come from
// Neo4j's count store, without a scan. An empty database takes the fast path.
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN entities, relationships
