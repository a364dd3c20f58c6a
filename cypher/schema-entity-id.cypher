// Entity ids are unique; the constraint's index also serves every lookup by id.
CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (e:Entity) REQUIRE e.id IS UNIQUE
