// A batch of the relationships replaceGraph creates (those the database does not
// hold yet), all of one vocabulary type ($type, checked by the adapter) so that
// Neo4j Browser shows meaningful types. CREATE, not MERGE: a MERGE on a dynamic
// type scans every relationship of the database for each row.
//
// The columns travel as one string each, values joined by $separator (a character
// none of them holds; JSON text never holds a raw control character): the driver
// encodes a few long strings much faster than thousands of small maps. An empty
// `inferred` or `record` (none) leaves the property unset.
// The ends are given by element id, as the entity statements of this transaction
// returned them: a seek by element id costs less than one in the id index. Every
// end was checked to be an entity of the graph before the transaction opened.
WITH split($ids, $separator) AS ids, split($froms, $separator) AS froms, split($tos, $separator) AS tos,
     split($properties, $separator) AS properties, split($sources, $separator) AS sources,
     split($modalities, $separator) AS modalities, split($times, $separator) AS times,
     split($validFroms, $separator) AS validFroms, split($validTos, $separator) AS validTos,
     split($inferreds, $separator) AS inferreds, split($records, $separator) AS records
UNWIND range(0, size(ids) - 1) AS i
MATCH (a) WHERE elementId(a) = froms[i]
MATCH (b) WHERE elementId(b) = tos[i]
CREATE (a)-[:$($type) {id: ids[i], properties: properties[i], sources: sources[i], modality: modalities[i],
                        time: times[i], validFrom: validFroms[i], validTo: validTos[i],
                        inferred: CASE inferreds[i] WHEN '' THEN null ELSE inferreds[i] END,
                        record: CASE records[i] WHEN '' THEN null ELSE records[i] END}]->(b)
RETURN count(*) AS written
