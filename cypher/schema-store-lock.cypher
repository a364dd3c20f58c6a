// One StoreLock node per lock name (withLock): concurrent takers MERGE the same node.
CREATE CONSTRAINT store_lock_name IF NOT EXISTS
FOR (l:StoreLock) REQUIRE l.name IS UNIQUE
