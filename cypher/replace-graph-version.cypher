// Last step of replaceGraph: the version of the graph now held.
MERGE (m:GraphMeta {key: 'graph'})
SET m.version = $version
