// The one ChangeLog node ({id: 'log'}) that every commit writes first, which makes
// commits wait for one another; concurrent first commits MERGE the same node.
CREATE CONSTRAINT change_log_id IF NOT EXISTS
FOR (l:ChangeLog) REQUIRE l.id IS UNIQUE
