/**
 * Tables of the embedded store. Entities and relationships keep their lists and
 * maps as JSON text (an entity's names and inferred map; a relationship's start, end and at
 * in `time`, its inferred map in `inferred`, NULL when none), with the days a
 * relationship holds as ISO dates (`valid_from`, `valid_to`, open ends 0000-01-01 and 9999-12-31); traversals use the two relationship indexes, search the FTS5
 * table, whose unicode61 tokenizer folds case and accents.
 */
/** Bumped with any change below: a file of another version is emptied and set up again (its data comes from the seed). */
export const SQLITE_SCHEMA_VERSION = 4;

export const SQLITE_DROP = `
DROP TABLE IF EXISTS entities; DROP TABLE IF EXISTS relationships;
DROP TABLE IF EXISTS entity_search; DROP TABLE IF EXISTS meta;
`;

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  category TEXT,
  label TEXT NOT NULL,
  names TEXT NOT NULL,
  status TEXT,
  inferred TEXT NOT NULL,
  properties TEXT NOT NULL,
  sources TEXT NOT NULL,
  intervals TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_by_type ON entities (type, id);
CREATE TABLE IF NOT EXISTS relationships (
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  properties TEXT NOT NULL,
  sources TEXT NOT NULL,
  modality TEXT NOT NULL,
  time TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  inferred TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS entity_search USING fts5 (
  id UNINDEXED, name, aliases, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * The relationship indexes. A load drops them, inserts, and builds them again in
 * the same transaction: building an index from sorted rows is several times
 * faster than keeping indexes up to date through a million inserts. No query
 * looks a relationship up by id (walks use rowids), and a load checks ids are
 * unique before it writes (check-graph.ts), so there is no index on id.
 */
export const SQLITE_RELATIONSHIP_INDEXES = `
CREATE INDEX IF NOT EXISTS relationships_by_from ON relationships (from_id, type);
CREATE INDEX IF NOT EXISTS relationships_by_to ON relationships (to_id, type);
`;
export const SQLITE_DROP_RELATIONSHIP_INDEXES = `
DROP INDEX IF EXISTS relationships_by_from; DROP INDEX IF EXISTS relationships_by_to;
`;
