OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN m.version AS version
