// One DatasetHead node per dataset: its last LOAD.
CREATE CONSTRAINT dataset_head IF NOT EXISTS
FOR (d:DatasetHead) REQUIRE d.dataset IS UNIQUE
