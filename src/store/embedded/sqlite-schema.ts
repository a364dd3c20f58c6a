import { SQLITE_SEARCH_DROP, SQLITE_SEARCH_SCHEMA } from './sqlite-search';

/**
 * Tables of the embedded store. Entities and relationships keep their lists and
 * maps as JSON text (an entity's names and inferred map; a relationship's start, end and at
 * in `time`, its inferred map in `inferred`, NULL when none), with the days a
 * relationship holds as ISO dates (`valid_from`, `valid_to`, open ends 0000-01-01 and 9999-12-31); traversals use the two relationship indexes, search its own
 * tables (sqlite-search.ts).
 */
/** Bumped with any change below: a file of another version is emptied and set up again (its data comes from the seed). */
export const SQLITE_SCHEMA_VERSION = 8;

export const SQLITE_DROP = `${SQLITE_SEARCH_DROP}
DROP TABLE IF EXISTS entities; DROP TABLE IF EXISTS relationships; DROP TABLE IF EXISTS meta;
DROP TABLE IF EXISTS citations; DROP TABLE IF EXISTS merged_ids;
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
  intervals TEXT NOT NULL,
  record TEXT
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
  inferred TEXT,
  record TEXT
);
CREATE TABLE IF NOT EXISTS merged_ids (from_id TEXT PRIMARY KEY, into_id TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merged_ids_by_into ON merged_ids (into_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS citations (
  document TEXT NOT NULL,
  kind INTEGER NOT NULL,
  id TEXT NOT NULL,
  row INTEGER NOT NULL,
  PRIMARY KEY (document, kind, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS citations_by_record ON citations (kind, id);
${SQLITE_SEARCH_SCHEMA}`;

/**
 * API tokens (GraphStore's TokenStore). Not part of SQLITE_SCHEMA_VERSION: SQLITE_DROP never
 * drops this table, so a file set up again for a new version keeps its tokens (the graph comes
 * back from the seed; tokens could not). Created when missing at every open. A change to it
 * must be made by statements that upgrade the table in place. Times are epoch milliseconds;
 * a name is unique among live tokens (revoked IS NULL).
 */
export const SQLITE_TOKENS_SCHEMA = `
CREATE TABLE IF NOT EXISTS api_tokens (
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created INTEGER NOT NULL,
  revoked INTEGER,
  last_used INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name ON api_tokens (name) WHERE revoked IS NULL;
`;

/**
 * The change log (src/curation/): like api_tokens, outside SQLITE_SCHEMA_VERSION, never
 * dropped (the graph tables can be laid down again from it and the seed; it could not). One
 * row per change, numbered by `seq`, with its operation as JSON; one row per record it
 * touched, with that record before and after (JSON, NULL when absent). A change to these
 * tables must be made by statements that upgrade them in place.
 */
export const SQLITE_CHANGES_SCHEMA = `
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  dataset TEXT NOT NULL,
  reason TEXT,
  citations TEXT NOT NULL,
  op TEXT NOT NULL,
  request_key TEXT,
  request_digest TEXT
);
CREATE INDEX IF NOT EXISTS changes_by_time ON changes (at, seq);
CREATE INDEX IF NOT EXISTS changes_by_kind ON changes (kind, seq);
CREATE INDEX IF NOT EXISTS changes_by_request ON changes (request_key) WHERE request_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS dataset_heads (dataset TEXT PRIMARY KEY, version TEXT, seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS change_targets (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  before TEXT,
  after TEXT,
  PRIMARY KEY (kind, id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS change_targets_by_seq ON change_targets (seq);
`;

/**
 * A change log written before request keys and dataset heads, upgraded in place: the two
 * columns added, and each dataset's last LOAD recorded once (reading those LOADs' content
 * this one time; from then on each LOAD moves its dataset's head in its own transaction).
 */
export const SQLITE_CHANGES_UPGRADE = `
ALTER TABLE changes ADD COLUMN request_key TEXT;
ALTER TABLE changes ADD COLUMN request_digest TEXT;
CREATE INDEX IF NOT EXISTS changes_by_request ON changes (request_key) WHERE request_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS dataset_heads (dataset TEXT PRIMARY KEY, version TEXT, seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR REPLACE INTO dataset_heads (dataset, version, seq)
  SELECT c.dataset, json_extract(c.op, '$.version'), c.seq FROM changes c
  WHERE c.seq IN (SELECT max(seq) FROM changes WHERE kind = 'LOAD' GROUP BY dataset);
`;

/**
 * The relationship indexes. A load drops them, inserts, and builds them again in
 * the same transaction: building an index from sorted rows is several times
 * faster than keeping indexes up to date through a million inserts. Walks use
 * rowids; the index on id serves the writes of curation (a change reads and writes
 * relationships by id). A load checks ids are unique before it writes (check-graph.ts).
 */
export const SQLITE_RELATIONSHIP_INDEXES = `
CREATE INDEX IF NOT EXISTS relationships_by_from ON relationships (from_id, type);
CREATE INDEX IF NOT EXISTS relationships_by_to ON relationships (to_id, type);
CREATE INDEX IF NOT EXISTS relationships_by_id ON relationships (id);
`;
export const SQLITE_DROP_RELATIONSHIP_INDEXES = `
DROP INDEX IF EXISTS relationships_by_from; DROP INDEX IF EXISTS relationships_by_to; DROP INDEX IF EXISTS relationships_by_id;
`;

/**
 * Who cites each document, rebuilt from the sources at every load (after the entities and
 * relationships, in the same transaction): one row per document and entity (kind 0) or
 * relationship (kind 1) citing it, with that row's rowid; a change written through the API
 * (sqlite-changes.ts) rewrites the rows of each record it writes. Ordered by (document, kind, id),
 * it is GraphStore.statementsOf's order: a document's entities by id, then its relationships.
 * Rows go in sorted, which builds the table about a quarter faster (some 5 s of a load of a
 * million relationships).
 */
export const SQLITE_FILL_CITATIONS = `
DELETE FROM citations;
INSERT OR IGNORE INTO citations (document, kind, id, row)
  SELECT json_extract(s.value, '$.document'), 0, e.id, e.rowid FROM entities e, json_each(e.sources) s ORDER BY 1, 3;
INSERT OR IGNORE INTO citations (document, kind, id, row)
  SELECT json_extract(s.value, '$.document'), 1, r.id, r.rowid FROM relationships r, json_each(r.sources) s ORDER BY 1, 3;
`;
