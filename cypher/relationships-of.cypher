// The relationships of a batch of entities. Symmetric types ($symmetric) are
// returned for either end whatever $direction ('OUT', 'IN' or 'BOTH') asks.
// $modalities keeps those modalities, $validAt ([first, last] ISO days) those
// holding at some day of it (validFrom, validTo: the days each holds); null keeps all.
UNWIND $ids AS anchor
MATCH (e:Entity {id: anchor})
CALL (e) {
  MATCH (e)-[r]->(other:Entity)
  WHERE ($types IS NULL OR type(r) IN $types) AND ($direction <> 'IN' OR type(r) IN $symmetric)
    AND ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0]))
  RETURN r, e AS source, other AS target
  UNION ALL
  MATCH (e)<-[r]-(other:Entity)
  WHERE ($types IS NULL OR type(r) IN $types) AND ($direction <> 'OUT' OR type(r) IN $symmetric)
    AND ($modalities IS NULL OR coalesce(r.modality, 'FACT') IN $modalities) AND ($validAt IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $validAt[1] AND coalesce(r.validTo, '9999-12-31') >= $validAt[0]))
  RETURN r, other AS source, e AS target
}
RETURN anchor,
  {id: r.id, type: type(r), from: source.id, to: target.id, properties: r.properties, sources: r.sources,
   modality: r.modality, time: r.time, inferred: r.inferred, record: r.record} AS relationship
