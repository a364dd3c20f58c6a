// First statement of a commit (and of replaceGraph for a graph folded through a
// change): writing the ChangeLog node takes its write lock, held until the transaction
// ends, so a second writer waits here until the first has committed or rolled back.
// Everything the transaction reads afterwards (the last change, the graph's version,
// the records' versions) is what the writers before it committed.
MERGE (l:ChangeLog {id: 'log'})
SET l.commits = coalesce(l.commits, 0) + 1
RETURN l.commits AS commits
