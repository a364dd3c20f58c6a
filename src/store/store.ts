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
} from '../domain/model';
import type { Caller, Role, TokenInfo } from '../domain/tokens';
import type { ChangeKind, ChangeRecord, TargetKind } from '../changes/change';
import type { DatasetHead } from '../changes/commit-plan';
import type { CommitWork, Committed } from '../changes/reads';
import type { EntityType, RelationshipType } from '../domain/vocabulary';

export interface EntityPage {
  entities: Entity[];
  /** True when entities after the last one returned exist. */
  hasMore: boolean;
  totalCount: number;
}

/** `done` of `total` items (entities, then relationships) written so far. */
export type ProgressListener = (done: number, total: number) => void;

export interface ListOptions {
  type?: EntityType;
  /** Only entities with a date property overlapping these days (ISO dates, both included). */
  during?: [string, string];
  first: number;
  /** Only entities whose id sorts after this one. */
  after?: string;
}

/**
 * Which relationships a read follows or returns: by type, by modality (a relationship
 * with none counts as FACT), and holding at some day of `validAt` (one with no time
 * holds always; `start` from its first day, `end` until its last, `at` within it).
 * Each absent keeps all.
 */
export interface RelationshipOptions extends RelationshipFilter {
  /** Only these relationship types; all when absent. */
  types?: readonly RelationshipType[];
  /** Never these relationship types, whatever `types` says: not followed, not returned. */
  excludeTypes?: readonly RelationshipType[];
}

export interface TraversalOptions extends RelationshipOptions {
  /** At most this many nodes; the result says `truncated` when more were reachable. */
  limit: number;
}

/**
 * Bounds of one call, from the request that makes it. When `signal` aborts or `deadline`
 * passes (the request's deadline), the store stops its work, cancels what runs in the
 * database, and rejects with TimeoutError; a call made with either already past rejects
 * at once. Give both when the deadline is known: a signal tells the store only once it
 * aborts, while a deadline also bounds the database's own timeout for the call.
 */
export interface CallOptions {
  signal?: AbortSignal;
  /** When the call must be over, in epoch milliseconds (Date.now()). */
  deadline?: number;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up with StoreUnavailableError. Default 600000 (10 min). */
  waitMs?: number;
}

/**
 * What the API needs from a graph database, in domain words. Every store
 * (embedded SQLite, Neo4j) implements it and passes test/contract/store-contract.ts.
 * Arguments arrive validated (src/domain/limits.ts); traversals run inside the store.
 *
 * Ids and types are ordered by code point (compareIds, src/domain/order.ts). Calls
 * reject with NotFoundError for an unknown start entity, TimeoutError past the call's
 * deadline, GraphRefusedError for a graph refused before writing, and
 * StoreUnavailableError when the database cannot serve (unreachable, closed, locked,
 * corrupt, full): see src/store/README.md.
 */
export interface GraphStore extends TokenStore, CurationStore {
  readonly kind: string;

  /** Entities by id, in the order asked, `null` for unknown ids. One call for a whole batch. */
  getEntities(ids: readonly string[], call?: CallOptions): Promise<(Entity | null)[]>;

  /** Entities ordered by id (code points), filtered by type and date. */
  listEntities(options: ListOptions, call?: CallOptions): Promise<EntityPage>;

  /** Case- and accent-insensitive match on names and aliases; exact matches first, then by score, ties by id. */
  search(text: string, first: number, call?: CallOptions): Promise<SearchHit[]>;

  /**
   * The relationships of each entity, in the order asked, each list by type then id.
   * Symmetric types are returned for either end whatever the direction. One call for a
   * whole batch.
   */
  relationshipsOf(
    ids: readonly string[],
    options: RelationshipOptions & { direction: Direction },
    call?: CallOptions,
  ): Promise<Relationship[][]>;

  /**
   * Entities within `depth` hops of `id` (either direction) and the relationships between
   * them: nodes by distance from `id` (it first), then id; relationships by id; with each
   * node's distance and the relationship that reached it (Subgraph.via).
   */
  neighbourhood(id: string, depth: number, options: TraversalOptions, call?: CallOptions): Promise<Subgraph>;

  /**
   * A shortest path ignoring direction, or `null` when none within `maxDepth` hops. Among
   * equally short ones, the one whose relationship ids, read from `to` back, sort first.
   */
  shortestPath(
    from: string,
    to: string,
    maxDepth: number,
    options: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path | null>;

  /**
   * Every shortest path ignoring direction, at most `first`, ordered by their relationship
   * ids read from `from` (byRelationshipIds, src/domain/order.ts): two relationships
   * joining the same two entities make two paths. `[]` when none within `maxDepth` hops;
   * one path of no hop when `from` is `to`.
   */
  shortestPaths(
    from: string,
    to: string,
    maxDepth: number,
    first: number,
    options: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path[]>;

  /**
   * What `id` relies on (UPSTREAM: follows DEPENDS_ON, BUILDS_ON, INTEGRATES forwards)
   * or what relies on it (DOWNSTREAM: follows them backwards), up to `maxDepth` hops.
   * Ordered as neighbourhood's, with distances and via as its. `options.types` is not
   * read: the dependency types are, less `options.excludeTypes`.
   */
  dependencies(id: string, direction: DependencyDirection, maxDepth: number, options: TraversalOptions, call?: CallOptions): Promise<Subgraph>;

  /**
   * Makes the store hold exactly `graph`, in one transaction: all of it or, on failure,
   * what it held before. `onProgress` hears how many entities and relationships are written.
   */
  replaceGraph(graph: GraphData, onProgress?: ProgressListener): Promise<void>;

  /** The `version` of the graph last loaded, `null` when empty. */
  graphVersion(): Promise<string | null>;

  /** Counts, for readiness and logs. */
  stats(): Promise<{ entities: number; relationships: number }>;

  /** Throws when the database cannot answer. */
  ping(): Promise<void>;

  /**
   * Runs `fn` while holding the lock `name`, shared by every store instance and process
   * using the same database, and releases it when `fn` settles, whatever the outcome.
   * A caller that finds it held waits (up to `waitMs`) for it to be released or for its
   * holder to be gone, then runs. For work that must happen once however many servers
   * start together, such as loading the seed: `fn` re-checks, under the lock, whether
   * the work is still needed. `fn` uses only this store instance. The lock is no
   * transaction: what `fn` completed (a replaceGraph, itself one transaction) stays
   * even when `fn` throws afterwards.
   */
  withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;

  /** Readies what the first queries would otherwise build (the embedded store's in-memory shape); optional. */
  warm?(): Promise<void>;

  close(): Promise<void>;

  /**
   * What document `id` states: the entities whose sources cite it, by id, then the
   * relationships whose sources cite it, by id, with how many there are in all. `after`
   * resumes after one of them. An id no citation names gives an empty page.
   */
  statementsOf(id: string, options: StatementOptions, call?: CallOptions): Promise<StatementPage>;
}

/**
 * The change log (src/changes/) and the writes to the graph made through it, kept in the
 * database beside the graph and, like tokens, untouched by replaceGraph and by a new store
 * version: the graph can be laid down again from the seed and the log, the log from nothing.
 * The graph the store holds reflects the log up to a change, its `graphVersion` (`log@<seq>`).
 */
export interface CurationStore {
  /**
   * One commit, in one write transaction that holds the log's lock (no other commit runs
   * until it ends): reads what `work` asks (src/changes/reads.ts), runs `work.plan` on it,
   * then writes what planCommit (src/changes/commit-plan.ts) makes of the plan: the changes,
   * numbered one after the last and timed now, and their writes to the graph, each record
   * stamped with its change's number. What the plan throws rolls everything back and is
   * thrown; StaleGraphError when the graph does not reflect the whole log. A plan that
   * answers `replay` writes nothing.
   */
  commit(work: CommitWork): Promise<Committed>;

  /** Each dataset's last LOAD: its file's version and the change's number, by dataset. */
  datasetHeads(): Promise<DatasetHead[]>;

  /** Changes of the log by the query, in order of their numbers (newest first when asked). */
  listChanges(query: ChangeQuery): Promise<ChangeRecord[]>;

  /** The number of the last change, 0 for an empty log. */
  lastChange(): Promise<number>;

  /** The number of the last change committed at or before `instant` (ISO 8601), 0 when none: what `asOf` reads. */
  changeAt(instant: string): Promise<number>;

  /** Relationships by id, in the order asked, `null` for unknown ids. */
  getRelationships(ids: readonly string[], call?: CallOptions): Promise<(Relationship | null)[]>;

  /** For each id, the current entity that merged it (its `record.mergedFrom` holds it), or null. */
  mergedInto(ids: readonly string[], call?: CallOptions): Promise<(string | null)[]>;
}

export interface ChangeQuery {
  /** Only changes numbered above this one. */
  after?: number;
  /** Only changes numbered below this one. */
  before?: number;
  /** Only changes numbered up to this one, included. */
  through?: number;
  /** Only changes made at or after this time (ISO 8601). */
  since?: string;
  /** Only changes made at or before this time (ISO 8601). */
  until?: string;
  /** Only changes that touched this record. */
  target?: { kind: TargetKind; id: string };
  kinds?: readonly ChangeKind[];
  /** At most this many; all when absent. */
  first?: number;
  newestFirst?: boolean;
  /** `false` leaves each change's targets out (a fold reads only operations). With `target`, only that record's. */
  targets?: boolean;
}

/**
 * API tokens, kept in the database beside the graph (so they survive restarts and every
 * replica sees the same) and untouched by replaceGraph. Only a token's hash is stored.
 */
export interface TokenStore {
  /**
   * A new token: returns its secret, the only time it is known. A name is unique among live
   * (not revoked) tokens: BadInputError when one of that name is live. Name and role are checked
   * (checkTokenName, checkRole in src/domain/tokens.ts).
   */
  createToken(token: { name: string; role: Role }): Promise<{ secret: string; token: TokenInfo }>;

  /** Every token, revoked ones included, by creation time then name. */
  listTokens(): Promise<TokenInfo[]>;

  /** Revokes the live token of that name; NotFoundError when there is none. */
  revokeToken(name: string): Promise<TokenInfo>;

  /** The live token of this hash, `null` when unknown or revoked; notes its use (at most once per LAST_USED_PERIOD_MS). */
  findToken(hash: string): Promise<Caller | null>;
}

/** An entity or a relationship a document states (it cites the document). */
export type Statement = { kind: 'entity'; entity: Entity } | { kind: 'relationship'; relationship: Relationship };

/** Where a page of statements resumes: after the entity or the relationship of this id. */
export interface StatementKey {
  kind: Statement['kind'];
  id: string;
}

export interface StatementOptions {
  first: number;
  after?: StatementKey;
}

export interface StatementPage {
  statements: Statement[];
  /** True when statements after the last one returned exist. */
  hasMore: boolean;
  totalCount: number;
}
