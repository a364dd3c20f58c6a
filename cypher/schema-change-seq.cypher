// The change log: one Change node per change, numbered by `seq` from 1.
CREATE CONSTRAINT change_seq IF NOT EXISTS
FOR (c:Change) REQUIRE c.seq IS UNIQUE
