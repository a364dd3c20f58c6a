// One MergedId node per id merged into a current entity (mergedInto): {id, into}.
CREATE CONSTRAINT merged_id IF NOT EXISTS
FOR (m:MergedId) REQUIRE m.id IS UNIQUE
