// One GraphMeta node per key (only 'graph' today), holding the loaded version.
CREATE CONSTRAINT graph_meta_key IF NOT EXISTS
FOR (m:GraphMeta) REQUIRE m.key IS UNIQUE
