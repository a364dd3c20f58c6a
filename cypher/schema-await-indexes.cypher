// Indexes created at start-up must be online before the first query uses them.
CALL db.awaitIndexes($timeoutSeconds)
