// Full-text search over names and aliases. The adapter stores them in `searchText`
// already folded (case, accents) and split into words as the embedded store splits
// them, so this index and SQLite's FTS5 match the same words. The analyzer keeps
// stop words: `standard-folding` drops English ones ("in", "on", "the"...), which
// would make names containing them unfindable by their full text.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (e:Entity) ON EACH [e.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false } }
