// The relationships left after the delete step, with what replaceGraph may have to
// update: one scan, so that the adapter creates only new ones and sets only changed ones.
MATCH ()-[r]->()
RETURN r.id AS id, r.properties AS properties, r.sources AS sources, r.modality AS modality, r.time AS time, r.inferred AS inferred, r.record AS record
