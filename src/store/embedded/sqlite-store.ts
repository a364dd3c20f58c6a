import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NotFoundError, StoreUnavailableError } from '../../domain/errors';
import type {
  DependencyDirection,
  Direction,
  Entity,
  GraphData,
  Path,
  Relationship,
  RelationshipFilter,
  SearchHit,
  Subgraph,
} from '../../domain/model';
import { byTypeThenId } from '../../domain/order';
import { DEPENDENCY_TYPES, followedTypes, SYMMETRIC_TYPES } from '../../domain/vocabulary';
import type { CallOptions, EntityPage, GraphStore, ListOptions, LockOptions, ProgressListener, RelationshipOptions, TraversalOptions } from '../store';
import { checkCall } from '../call-options';
import { checkGraph } from '../check-graph';
import { SQLITE_DROP, SQLITE_DROP_RELATIONSHIP_INDEXES, SQLITE_RELATIONSHIP_INDEXES, SQLITE_SCHEMA, SQLITE_SCHEMA_VERSION } from './sqlite-schema';
import { SQLITE_CHANGES_SCHEMA, SQLITE_CHANGES_UPGRADE, SQLITE_FILL_CITATIONS, SQLITE_TOKENS_SCHEMA } from './sqlite-schema';
import { SqliteTokens } from './sqlite-tokens';
import type { Caller, Role, TokenInfo } from '../../domain/tokens';
import { CitationReader } from './sqlite-citations';
import type { Statement, StatementOptions, StatementPage } from '../store';
import { SqliteSearch } from './sqlite-search';
import { Adjacency, type AdjacencyRelationship, type NodePath, type Way } from './adjacency';
import { closedError, isBusy, openError, translateSqliteError } from './sqlite-errors';
import { AFTER_RELATIONSHIP, ENTITY_COLUMNS, entityValues, RELATIONSHIP_COLUMNS, relationshipValues, toEntity, toRelationship, type EntityRow, type RelationshipRow } from './sqlite-rows';
import { SqliteChanges } from './sqlite-changes';
import type { ChangeRecord } from '../../changes/change';
import type { DatasetHead } from '../../changes/commit-plan';
import type { CommitWork, Committed } from '../../changes/reads';
import type { ChangeQuery } from '../store';

/** A list parameter travels as one JSON text and is read back with json_each, so statements stay prepared. */
const list = (values: readonly string[] | undefined) => (values ? JSON.stringify(values) : null);
const SYMMETRIC = JSON.stringify(SYMMETRIC_TYPES);
/** Entities of a type, and with a date interval overlapping [@start, @end]. */
const ENTITY_FILTER = `(@type IS NULL OR e.type = @type) AND (@start IS NULL OR EXISTS (SELECT 1 FROM json_each(e.intervals) i
  WHERE json_extract(i.value, '$[0]') <= @end AND json_extract(i.value, '$[1]') >= @start))`;
const TYPE_FILTER = `(@types IS NULL OR r.type IN (SELECT value FROM json_each(@types)))
  AND (@modalities IS NULL OR r.modality IN (SELECT value FROM json_each(@modalities)))
  AND (@validFirst IS NULL OR (r.valid_from <= @validLast AND r.valid_to >= @validFirst))`;

/** Page cache during a load, in KiB (SQLite's negative form). */
const LOAD_CACHE_SIZE = -262144;

/** How long withLock waits for another holder by default. */
const LOCK_WAIT_MS = 600_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets timers and other requests run between two chunks of a walk. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How long a statement waits for a lock another connection holds before it fails with
 * StoreUnavailableError (SQLITE_BUSY). better-sqlite3 waits synchronously, the event loop
 * with it, so it is short. In WAL mode readers never wait for a writer; only writes (a load)
 * and opening a file another program holds exclusively do.
 */
export const BUSY_TIMEOUT_MS = 2000;
/** Setting up the tables at first start may wait for another server doing the same, or loading the seed. */
const SCHEMA_BUSY_TIMEOUT_MS = 60_000;

/** WAL mode, and the tables when the file has none (or those of another version), set up under the write lock. */
function setUp(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  const current = db.pragma('user_version', { simple: true }) === SQLITE_SCHEMA_VERSION;
  // Tokens and the change log live outside the versioned tables: a new version empties the graph, never them.
  // Created only when missing: a CREATE compiled against a schema another server has just changed
  // would wait for the write lock, which that server may hold for a whole seed load.
  const tables = () => db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('api_tokens', 'changes', 'change_targets', 'dataset_heads')`).pluck().get() as number;
  const old = () => (db.prepare(`SELECT count(*) FROM pragma_table_info('changes') WHERE name = 'request_key'`).pluck().get() as number) === 0;
  const missing = tables() < 4;
  if (current && !missing) return;
  db.pragma(`busy_timeout = ${SCHEMA_BUSY_TIMEOUT_MS}`);
  try {
    if (missing) {
      // A log from before request keys is upgraded under the write lock, checked again there.
      db.transaction(() => {
        const hasLog = (db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'changes'`).pluck().get() as number) === 1;
        if (hasLog && old()) db.exec(SQLITE_CHANGES_UPGRADE);
        if (tables() < 4) db.exec(SQLITE_TOKENS_SCHEMA + SQLITE_CHANGES_SCHEMA);
      }).immediate();
    }
    if (current) return;
    // Checked again under the lock: another process may have set the tables up meanwhile (and loaded them).
    db.transaction(() => {
      if (db.pragma('user_version', { simple: true }) === SQLITE_SCHEMA_VERSION) return;
      db.exec(SQLITE_DROP + SQLITE_SCHEMA + SQLITE_RELATIONSHIP_INDEXES);
      db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    entities: p(`SELECT ${ENTITY_COLUMNS} FROM json_each(?) j JOIN entities e ON e.id = j.value`).raw(),
    page: p(`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE ${ENTITY_FILTER} AND e.id > @after ORDER BY e.id LIMIT @limit`).raw(),
    count: p(`SELECT count(*) AS n FROM entities e WHERE ${ENTITY_FILTER}`),
    // `@all = 1` keeps every type; otherwise only symmetric ones, which count for both ends.
    outgoing: p(`SELECT ${RELATIONSHIP_COLUMNS}, j.value AS anchor FROM json_each(@ids) j JOIN relationships r ON r.from_id = j.value
                 WHERE ${TYPE_FILTER} AND (@all = 1 OR r.type IN (SELECT value FROM json_each(@symmetric)))`).raw(),
    incoming: p(`SELECT ${RELATIONSHIP_COLUMNS}, j.value AS anchor FROM json_each(@ids) j JOIN relationships r ON r.to_id = j.value
                 WHERE ${TYPE_FILTER} AND (@all = 1 OR r.type IN (SELECT value FROM json_each(@symmetric)))`).raw(),
    // Walks read the graph's shape once into memory (see adjacency.ts), and rows by rowid.
    shapeEntities: p(`SELECT id, rowid FROM entities ORDER BY id`).raw(),
    entitiesByRowid: p(`SELECT ${ENTITY_COLUMNS} FROM json_each(?) j JOIN entities e ON e.rowid = j.value`).raw(),
    shapeRelationships: p(`SELECT rowid, type, from_id, to_id, modality, valid_from, valid_to FROM relationships`).raw(),
    relationshipsByRowid: p(`SELECT ${RELATIONSHIP_COLUMNS}, r.rowid FROM json_each(?) j JOIN relationships r ON r.rowid = j.value ORDER BY r.id`).raw(),
    relationshipIds: p(`SELECT r.rowid, r.id FROM json_each(?) j JOIN relationships r ON r.rowid = j.value`).raw(),
    dataVersion: p(`PRAGMA data_version`).pluck(),
    meta: p(`SELECT value FROM meta WHERE key = ?`),
    stats: p(`SELECT (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM relationships) AS relationships`),
    insertEntity: p(`INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRelationship: p(`INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMerged: p(`INSERT OR REPLACE INTO merged_ids (from_id, into_id) VALUES (?, ?)`),
    relationshipsById: p(`SELECT ${RELATIONSHIP_COLUMNS} FROM json_each(?) j JOIN relationships r ON r.id = j.value`).raw(),
    mergedInto: p(`SELECT j.value, m.into_id FROM json_each(?) j LEFT JOIN merged_ids m ON m.from_id = j.value`).raw(),
    setMeta: p(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
  };
}
type Statements = ReturnType<typeof prepare>;

/** The embedded store: one SQLite file in WAL mode, through better-sqlite3. */
export class SqliteStore implements GraphStore {
  readonly kind = 'embedded';
  private readonly db: Database.Database;
  private readonly q: Statements;
  private readonly searcher: SqliteSearch;
  private readonly tokens: SqliteTokens;
  private readonly changes: SqliteChanges;
  private adjacency: Adjacency | undefined;
  private adjacencyVersion = -1;
  /** The end of the last withLock call on this instance: the next one starts after it. */
  private lockQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {
    let db: Database.Database | undefined;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
      setUp(db);
      this.q = prepare(db);
      this.searcher = new SqliteSearch(db);
      this.tokens = new SqliteTokens(db, BUSY_TIMEOUT_MS);
      this.changes = new SqliteChanges(db, this.searcher, () => {
        this.adjacency = undefined;
      });
    } catch (error) {
      db?.close();
      throw openError(error, file);
    }
    this.db = db;
  }

  async getEntities(ids: readonly string[], call?: CallOptions): Promise<(Entity | null)[]> {
    return this.guard(async () => {
      checkCall(call, 'getEntities');
      const rows = this.q.entities.all(JSON.stringify(ids)) as EntityRow[];
      const byId = new Map(rows.map((r) => [r[0], toEntity(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async listEntities(o: ListOptions, call?: CallOptions): Promise<EntityPage> {
    return this.guard(async () => {
      checkCall(call, 'listEntities');
      const filter = { type: o.type ?? null, start: o.during?.[0] ?? null, end: o.during?.[1] ?? null };
      const rows = this.q.page.all({ ...filter, after: o.after ?? '', limit: o.first + 1 }) as EntityRow[];
      const { n } = this.q.count.get(filter) as { n: number };
      return { entities: rows.slice(0, o.first).map(toEntity), hasMore: rows.length > o.first, totalCount: n };
    });
  }

  async search(text: string, first: number, call?: CallOptions): Promise<SearchHit[]> {
    return this.guard(async () => this.searcher.search(text, first, call, (ids) => this.getEntities(ids, call)));
  }

  async relationshipsOf(
    ids: readonly string[],
    o: RelationshipOptions & { direction: Direction },
    call?: CallOptions,
  ): Promise<Relationship[][]> {
    return this.guard(async () => {
      checkCall(call, 'relationshipsOf');
      const params = {
        ids: JSON.stringify(ids),
        types: list(followedTypes(o.types, o.excludeTypes)),
        modalities: list(o.modalities),
        validFirst: o.validAt?.[0] ?? null,
        validLast: o.validAt?.[1] ?? null,
        symmetric: SYMMETRIC,
      };
      const rows = [
        ...(this.q.outgoing.all({ ...params, all: o.direction === 'IN' ? 0 : 1 }) as [...RelationshipRow, string][]),
        ...(this.q.incoming.all({ ...params, all: o.direction === 'OUT' ? 0 : 1 }) as [...RelationshipRow, string][]),
      ];
      const byAnchor = new Map<string, Relationship[]>(ids.map((id) => [id, []]));
      for (const row of rows) byAnchor.get(row[AFTER_RELATIONSHIP])?.push(toRelationship(row as unknown as RelationshipRow));
      return ids.map((id) => (byAnchor.get(id) ?? []).sort(byTypeThenId));
    });
  }

  async neighbourhood(id: string, depth: number, o: TraversalOptions, call?: CallOptions): Promise<Subgraph> {
    return this.guard(async () => {
      return this.walk(`the neighbourhood of "${id}"`, id, depth, o.limit, 'BOTH', followedTypes(o.types, o.excludeTypes) ?? null, o, call);
    });
  }

  async dependencies(id: string, direction: DependencyDirection, maxDepth: number, o: TraversalOptions, call?: CallOptions): Promise<Subgraph> {
    return this.guard(async () => {
      const way = direction === 'UPSTREAM' ? 'OUT' : 'IN';
      return this.walk(`the dependencies of "${id}"`, id, maxDepth, o.limit, way, followedTypes(DEPENDENCY_TYPES, o.excludeTypes)!, o, call);
    });
  }

  async shortestPath(
    from: string,
    to: string,
    maxDepth: number,
    o: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path | null> {
    return this.guard(async () => {
      const what = `the shortest path from "${from}" to "${to}"`;
      const { shape, found } = await this.runSearch(what, call, (shape) =>
        shape.shortestPath(this.requireNode(shape, from), this.requireNode(shape, to), maxDepth, shape.mask(followedTypes(o.types, o.excludeTypes), o), this.relationshipIds));
      if (!found) return null;
      return (await this.pathsOf(shape, [found], call))[0]!;
    });
  }

  async shortestPaths(
    from: string,
    to: string,
    maxDepth: number,
    first: number,
    o: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path[]> {
    return this.guard(async () => {
      const what = `the shortest paths from "${from}" to "${to}"`;
      const { shape, found } = await this.runSearch(what, call, (shape) =>
        shape.shortestPaths(this.requireNode(shape, from), this.requireNode(shape, to), maxDepth, first, shape.mask(followedTypes(o.types, o.excludeTypes), o), this.relationshipIds));
      return this.pathsOf(shape, found, call);
    });
  }

  /** Names relationship rowids by their ids, for the path searches' choices. */
  private readonly relationshipIds = (rowids: number[]): Map<number, string> =>
    new Map(this.q.relationshipIds.all(JSON.stringify(rowids)) as [number, string][]);

  /** Runs a search of the graph's shape to its end; a load committed while it paused renumbers rows, so the new shape is searched. */
  private async runSearch<T>(what: string, call: CallOptions | undefined, steps: (shape: Adjacency) => Generator<void, T>): Promise<{ shape: Adjacency; found: T }> {
    checkCall(call, what);
    let shape: Adjacency;
    let found: T;
    do {
      shape = this.shape();
      found = await this.drive(steps(shape), call, what);
    } while (this.shape() !== shape);
    return { shape, found };
  }

  /** Paths of node numbers and rowids as entities and relationships, read in one call each. */
  private async pathsOf(shape: Adjacency, found: NodePath[], call: CallOptions | undefined): Promise<Path[]> {
    if (!found.length) return [];
    const ids = [...new Set(found.flatMap((p) => p.nodes))].map((n) => shape.ids[n]!);
    const entities = new Map((await this.getEntities(ids, call)).flatMap((e) => (e ? [[e.id, e] as const] : [])));
    const rowids = [...new Set(found.flatMap((p) => p.relationships))];
    const rows = this.q.relationshipsByRowid.all(JSON.stringify(rowids)) as [...RelationshipRow, number][];
    const byRowid = new Map(rows.map((r) => [r[AFTER_RELATIONSHIP], toRelationship(r as unknown as RelationshipRow)]));
    return found.map((p) => ({ nodes: p.nodes.map((n) => entities.get(shape.ids[n]!)!), relationships: p.relationships.map((rowid) => byRowid.get(rowid)!) }));
  }

  async replaceGraph(graph: GraphData, onProgress?: ProgressListener): Promise<void> {
    return this.guard(async () => {
      checkGraph(graph);
      const total = graph.entities.length + graph.relationships.length;
      let done = 0;
      const step = () => ++done % 10000 === 0 && onProgress?.(done, total);
      // A bigger page cache while loading: the index builds sort in it rather than in spilled pages.
      const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
      this.db.pragma(`cache_size = ${LOAD_CACHE_SIZE}`);
      try {
        this.load(graph, step);
      } finally {
        this.db.pragma(`cache_size = ${cacheSize}`);
      }
      this.adjacency = undefined;
      onProgress?.(total, total);
    });
  }

  private load(graph: GraphData, step: () => void): void {
    this.db.transaction(() => {
      this.db.exec(SQLITE_DROP_RELATIONSHIP_INDEXES);
      // The graph folded through a change is written only if no change committed since (curation/lay-down.ts folds again).
      if (graph.throughChange !== undefined) this.changes.checkLast(graph.throughChange);
      this.db.exec('DELETE FROM entities; DELETE FROM relationships; DELETE FROM merged_ids;');
      this.searcher.clear();
      for (const e of graph.entities) {
        const { lastInsertRowid } = this.q.insertEntity.run(...entityValues(e));
        for (const from of e.record?.mergedFrom ?? []) this.q.insertMerged.run(from, e.id);
        this.searcher.insert(e, lastInsertRowid);
        step();
      }
      for (const r of graph.relationships) {
        this.q.insertRelationship.run(...relationshipValues(r));
        step();
      }
      this.db.exec(SQLITE_RELATIONSHIP_INDEXES);
      this.db.exec(SQLITE_FILL_CITATIONS);
      this.q.setMeta.run('graphVersion', graph.version);
      // IMMEDIATE: the write lock is taken first (waiting BUSY_TIMEOUT_MS for another writer), not midway.
    }).immediate();
  }

  async graphVersion(): Promise<string | null> {
    return this.guard(async () => {
      return (this.q.meta.get('graphVersion') as { value: string } | undefined)?.value ?? null;
    });
  }

  async stats(): Promise<{ entities: number; relationships: number }> {
    return this.guard(async () => {
      return this.q.stats.get() as { entities: number; relationships: number };
    });
  }

  /**
   * The lock is SQLite's own write lock, the same for every name: `fn` runs inside one
   * IMMEDIATE transaction, which another connection (another process on the same file)
   * cannot open until this one ends, and which a crashed holder drops with its file
   * handles. Waiting does not block the event loop: the transaction is tried again
   * every few milliseconds. What `fn` writes commits when the lock is released, even
   * when `fn` then throws (as on Neo4j, where each replaceGraph is its own transaction);
   * a replaceGraph that fails rolls itself back. Calls on one instance run one after another.
   */
  async withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const waitMs = options.waitMs ?? LOCK_WAIT_MS;
    const previous = this.lockQueue;
    let done: () => void = () => undefined;
    this.lockQueue = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      return await this.guard(async () => {
        await this.beginImmediate(name, waitMs);
        try {
          return await fn();
        } finally {
          // What fn completed stays, as on any store: a replaceGraph that failed rolled itself back.
          this.endLockTransaction();
        }
      });
    } finally {
      done();
    }
  }

  private endLockTransaction(): void {
    if (!this.db.open || !this.db.inTransaction) return;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** BEGIN IMMEDIATE, tried until it gets the write lock or `waitMs` has passed. */
  private async beginImmediate(name: string, waitMs: number): Promise<void> {
    const until = Date.now() + waitMs;
    for (let pauseMs = 5; ; pauseMs = Math.min(pauseMs * 2, 100)) {
      this.db.pragma('busy_timeout = 0');
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      if (Date.now() + pauseMs > until) {
        throw new StoreUnavailableError(
          `Waited ${waitMs} ms for the "${name}" lock of the embedded database ${this.file}: another connection still holds its write lock.`,
        );
      }
      await sleep(pauseMs);
    }
  }

  /** Reads the graph's shape now, so that the first walk does not wait for it (seconds on a million relationships). */
  async warm(): Promise<void> {
    return this.guard(async () => {
      this.shape();
    });
  }

  async createToken(token: { name: string; role: Role }): Promise<{ secret: string; token: TokenInfo }> {
    return this.guard(async () => this.tokens.create(token));
  }

  async listTokens(): Promise<TokenInfo[]> {
    return this.guard(async () => this.tokens.list());
  }

  async revokeToken(name: string): Promise<TokenInfo> {
    return this.guard(async () => this.tokens.revoke(name));
  }

  async findToken(hash: string): Promise<Caller | null> {
    return this.guard(async () => this.tokens.find(hash));
  }

  async commit(work: CommitWork): Promise<Committed> {
    return this.guard(async () => this.changes.commit(work));
  }

  async datasetHeads(): Promise<DatasetHead[]> {
    return this.guard(async () => this.changes.heads());
  }

  async listChanges(query: ChangeQuery): Promise<ChangeRecord[]> {
    return this.guard(async () => this.changes.list(query));
  }

  async lastChange(): Promise<number> {
    return this.guard(async () => this.changes.last());
  }

  async changeAt(instant: string): Promise<number> {
    return this.guard(async () => this.changes.at(instant));
  }

  async getRelationships(ids: readonly string[], call?: CallOptions): Promise<(Relationship | null)[]> {
    return this.guard(async () => {
      checkCall(call, 'getRelationships');
      const byId = new Map((this.q.relationshipsById.all(JSON.stringify(ids)) as RelationshipRow[]).map((r) => [r[0], toRelationship(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async mergedInto(ids: readonly string[], call?: CallOptions): Promise<(string | null)[]> {
    return this.guard(async () => {
      checkCall(call, 'mergedInto');
      const byId = new Map(this.q.mergedInto.all(JSON.stringify(ids)) as [string, string | null][]);
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async ping(): Promise<void> {
    return this.guard(async () => {
      this.db.prepare('SELECT 1').get();
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Every public call runs through here: a closed store, and SQLite failures that mean
   * the file cannot serve (locked, corrupt, full...), become StoreUnavailableError.
   */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (!this.db.open) throw closedError(this.file);
    try {
      return await work();
    } catch (error) {
      throw translateSqliteError(error, this.file);
    }
  }

  /**
   * The graph's shape for walks, read once and read again only when the file changed:
   * after replaceGraph here, or a commit by another connection (PRAGMA data_version).
   */
  private shape(): Adjacency {
    const version = this.q.dataVersion.get() as number;
    if (!this.adjacency || this.adjacencyVersion !== version) {
      this.adjacency = this.db.transaction(() => {
        const entities = this.q.shapeEntities.all() as [string, number][];
        return new Adjacency({
          ids: entities.map((e) => e[0]),
          rowids: entities.map((e) => e[1]),
          relationships: this.q.shapeRelationships.iterate() as Iterable<AdjacencyRelationship>,
        });
      })();
      this.adjacencyVersion = version;
    }
    return this.adjacency;
  }

  private requireNode(shape: Adjacency, id: string): number {
    const node = shape.node(id);
    if (node === undefined) throw new NotFoundError(`No entity with id "${id}".`);
    return node;
  }

  /**
   * Runs a walk of the graph's shape in chunks: between two, other requests and timers
   * run, and the call's deadline is checked. A call past it stops the walk there.
   */
  private async drive<T>(steps: Generator<void, T>, call: CallOptions | undefined, what: string): Promise<T> {
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        await pause();
        checkCall(call, what);
      }
    } finally {
      // Ends the walk where it stands (a no-op when it ran to its end): its scratch marks go back.
      steps.return(undefined as T);
    }
  }

  /** A walk from `id` and the subgraph it spans: its nodes, and every followed relationship between two of them. */
  private async walk(
    what: string,
    id: string,
    depth: number,
    limit: number,
    way: Way,
    types: readonly string[] | null,
    filter: RelationshipFilter,
    call: CallOptions | undefined,
  ): Promise<Subgraph> {
    checkCall(call, what);
    let shape = this.shape();
    let mask = shape.mask(types, filter);
    let walk = await this.drive(shape.breadthFirst(this.requireNode(shape, id), depth, limit, way, mask), call, what);
    // A load committed while the walk paused renumbers rows: walk the new shape.
    while (this.shape() !== shape) {
      shape = this.shape();
      mask = shape.mask(types, filter);
      walk = await this.drive(shape.breadthFirst(this.requireNode(shape, id), depth, limit, way, mask), call, what);
    }
    checkCall(call, what);
    // Rows come back in rowid order; the walk's order (distance, then id) is put back by id.
    const rows = this.q.entitiesByRowid.all(JSON.stringify(walk.visited.map((n) => shape.rowids[n]!))) as EntityRow[];
    const byId = new Map(rows.map((r) => [r[0], r]));
    const among = shape.relationshipsAmong(walk.visited, mask, { distances: walk.distances, way });
    // Relationship rows come back by id: a row's place is its rank in id order.
    const relationshipRows = this.q.relationshipsByRowid.all(JSON.stringify(among.rels)) as [...RelationshipRow, number][];
    const rank = new Map(relationshipRows.map((r, i) => [r[AFTER_RELATIONSHIP], i]));
    const via = among.via;
    for (let i = 0; i < among.others.length; i += 2) {
      const node = among.others[i]!;
      const rowid = among.others[i + 1]!;
      if (rank.get(rowid)! < rank.get(via[node]!)!) via[node] = rowid;
    }
    const subgraph: Subgraph = { nodes: [], relationships: relationshipRows.map((r) => toRelationship(r as unknown as RelationshipRow)), truncated: walk.truncated, distances: [], via: [] };
    walk.visited.forEach((n, i) => {
      const row = byId.get(shape.ids[n]!);
      if (!row) return;
      subgraph.nodes.push(toEntity(row));
      subgraph.distances.push(walk.distances[i]!);
      subgraph.via.push(via[i] === -1 ? null : relationshipRows[rank.get(via[i]!)!]![0]);
    });
    return subgraph;
  }

  /** A page of the citations table, then its entities and relationships by rowid, all in one read transaction. */
  async statementsOf(id: string, o: StatementOptions, call?: CallOptions): Promise<StatementPage> {
    return this.guard(async () => {
      checkCall(call, `the statements of "${id}"`);
      this.citations ??= new CitationReader(this.db);
      const reader = this.citations;
      return this.db.transaction((): StatementPage => {
        const { rows, totalCount } = reader.read(id, o);
        const page = rows.slice(0, o.first);
        const rowids = (kind: Statement['kind']) => JSON.stringify(page.filter((r) => r.kind === kind).map((r) => r.rowid));
        const entities = new Map((this.q.entitiesByRowid.all(rowids('entity')) as EntityRow[]).map((r) => [r[0], toEntity(r)]));
        const relationships = new Map(
          (this.q.relationshipsByRowid.all(rowids('relationship')) as RelationshipRow[]).map((r) => [r[0], toRelationship(r)]),
        );
        const statements = page.flatMap((r): Statement[] => {
          const entity = r.kind === 'entity' ? entities.get(r.id) : undefined;
          if (entity) return [{ kind: 'entity', entity }];
          const relationship = r.kind === 'relationship' ? relationships.get(r.id) : undefined;
          return relationship ? [{ kind: 'relationship', relationship }] : [];
        });
        return { statements, hasMore: rows.length > o.first, totalCount };
      })();
    });
  }

  /** Prepared at the first statementsOf. */
  private citations: CitationReader | undefined;
}
