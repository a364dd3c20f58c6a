import type { ChangeRecord } from '../../changes/change';
import type { DatasetHead } from '../../changes/commit-plan';
import type { CommitWork, Committed } from '../../changes/reads';
import type { ChangeQuery } from '../store';
import neo4j from 'neo4j-driver';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BadInputError, NotFoundError, StoreUnavailableError } from '../../domain/errors';
import { checkRole, checkTokenName, LAST_USED_PERIOD_MS, newTokenSecret, type Caller, type Role, type TokenInfo } from '../../domain/tokens';
import type { DependencyDirection, Direction, Entity, GraphData, Path, Relationship, RelationshipFilter, SearchHit, Subgraph } from '../../domain/model';
import { byRelationshipIds, byTypeThenId, compareIds } from '../../domain/order';
import { searchInRounds } from '../../domain/search-text';
import { DEPENDENCY_TYPES, followedTypes, SYMMETRIC_TYPES, type RelationshipType } from '../../domain/vocabulary';
import { checkCall } from '../call-options';
import type { CallOptions, EntityPage, GraphStore, ListOptions, LockOptions, RelationshipOptions, TraversalOptions, ProgressListener } from '../store';
import { CypherQueries, type DepthQueryName } from './cypher-queries';
import { luceneQuery } from './lucene-query';
import { entityFromList, relationshipFromList, toEntity, toRelationship, type EntityList, type EntityMap, type RelationshipList, type RelationshipMap } from './neo4j-rows';
import { Neo4jRunner, rows } from './neo4j-runner';
import { setUpSchema } from './neo4j-schema';
import { viaOf } from './via';
import { sendWithoutDelay } from './no-delay';
import { LOAD_TIMEOUT_FLOOR_MS, prepareGraph, replaceGraphIn } from './replace-graph';
import { commitIn } from './neo4j-changes';
import { changesQuery, relationshipsInOrder, toChangeRecord } from './neo4j-change-rows';
import type { Statement, StatementOptions, StatementPage } from '../store';

export interface Neo4jStoreOptions {
  /** bolt://, neo4j://, neo4j+s://...: the driver picks direct or routed connections from the scheme. */
  uri: string;
  username: string;
  password: string;
  /** The home database when absent. */
  database?: string;
  /** Transaction timeout of each query. Default 30000. */
  queryTimeoutMs?: number;
  /**
   * How long to wait for a new connection before a call fails; a call waits at most
   * twice this for a free connection of the pool. Default 1000: a database that went
   * away is reported within about that long.
   */
  connectionTimeoutMs?: number;
  /** Folder of the .cypher files; the project's cypher/ by default (tests point elsewhere). */
  cypherDir?: string;
}

/** Integers must travel as Cypher integers where Cypher wants one (LIMIT, list slices): JS numbers are sent as floats. */
const int = (n: number) => neo4j.int(n);
const entities = (maps: unknown) => (maps as EntityMap[]).map(toEntity);
const relationships = (maps: unknown) => (maps as RelationshipMap[]).map(toRelationship);
/** $modalities and $validAt of the queries that read relationships: null keeps all. */
const filterParams = (f: RelationshipFilter) => ({ modalities: f.modalities ? [...f.modalities] : null, validAt: f.validAt ?? null });

/**
 * A lock's lease: a holder that crashed blocks the others this long at most. Its
 * holder renews it every third of it while its work runs.
 */
export const LOCK_LEASE_MS = 30_000;
/** How long withLock waits for another holder by default. */
const LOCK_WAIT_MS = 600_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a new connection may take: a database that went away is reported within about this long. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 1000;
/** ping's transaction timeout: a readiness probe does not wait for the query timeout. */
const PING_TIMEOUT_MS = 1000;

const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const tokenInfo = (r: Record<string, unknown>): TokenInfo => ({
  name: r.name as string,
  role: r.role as Role,
  created: iso(r.created)!,
  revoked: iso(r.revoked),
  lastUsed: iso(r.lastUsed),
});

/** The URI without any user-info, for messages. */
function displayUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

/** The server store: Neo4j 5, through the official driver; queries live in cypher/. */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j';

  private constructor(private readonly runner: Neo4jRunner, private readonly queries: CypherQueries) {}

  /** Reads the queries, connects, checks the database answers and sets up the schema; fails naming what is wrong. */
  static async connect(options: Neo4jStoreOptions): Promise<Neo4jStore> {
    const queries = CypherQueries.load(options.cypherDir);
    const connectionTimeout = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.username, options.password), {
      disableLosslessIntegers: true,
      connectionTimeout,
      connectionAcquisitionTimeout: 2 * connectionTimeout,
      // The runner retries what may pass itself, within a short budget (neo4j-runner.ts): none from the driver.
      maxTransactionRetryTime: 0,
    });
    // Its sockets, and only those, send at once (no Nagle delay): see no-delay.ts.
    sendWithoutDelay(driver);
    const runner = new Neo4jRunner(driver, {
      uri: displayUri(options.uri),
      database: options.database,
      queryTimeoutMs: options.queryTimeoutMs ?? 30000,
      connectionTimeoutMs: connectionTimeout,
    });
    try {
      await runner.verifyConnectivity();
      await setUpSchema(runner, queries);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw error;
    }
    return new Neo4jStore(runner, queries);
  }

  async getEntities(ids: readonly string[], call?: CallOptions): Promise<(Entity | null)[]> {
    checkCall(call, 'getEntities');
    if (ids.length === 0) return [];
    const rows = await this.runner.read(this.queries.text('get-entities'), { ids: [...new Set(ids)] }, call, 'getEntities');
    const byId = new Map(rows.map((r) => toEntity(r.entity as EntityMap)).map((e) => [e.id, e]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async listEntities(o: ListOptions, call?: CallOptions): Promise<EntityPage> {
    const params = {
      type: o.type ?? null,
      start: o.during?.[0] ?? null,
      end: o.during?.[1] ?? null,
      after: o.after ?? '',
      limit: int(o.first + 1),
    };
    const [row] = await this.runner.read(this.queries.text('list-entities'), params, call, 'listEntities');
    const page = entities(row?.entities ?? []);
    return { entities: page.slice(0, o.first), hasMore: page.length > o.first, totalCount: Number(row?.totalCount ?? 0) };
  }

  async search(text: string, first: number, call?: CallOptions): Promise<SearchHit[]> {
    const what = `search for "${text}"`;
    checkCall(call, what);
    return searchInRounds(text, first, async (round) => {
      const query = luceneQuery(text, round);
      if (query === null) return [];
      // Fetch more than asked: the tiers can reorder what Lucene ranked.
      const rows = await this.runner.read(this.queries.text('search'), { query, limit: int(Math.max(first * 5, 50)) }, call, what);
      return rows.map((r) => ({ entity: toEntity(r.entity as EntityMap), relevance: Number(r.score) / (1 + Number(r.score)) }));
    });
  }

  async relationshipsOf(
    ids: readonly string[],
    o: RelationshipOptions & { direction: Direction },
    call?: CallOptions,
  ): Promise<Relationship[][]> {
    checkCall(call, 'relationshipsOf');
    if (ids.length === 0) return [];
    const params = { ids: [...new Set(ids)], direction: o.direction, types: followedTypes(o.types, o.excludeTypes) ?? null, symmetric: SYMMETRIC_TYPES, ...filterParams(o) };
    const rows = await this.runner.read(this.queries.text('relationships-of'), params, call, 'relationshipsOf');
    const byAnchor = new Map<string, Relationship[]>();
    for (const row of rows) {
      const anchor = row.anchor as string;
      byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), toRelationship(row.relationship as RelationshipMap)]);
    }
    // Sorted here with the embedded store's comparison, so that both give the same order by construction.
    return ids.map((id) => [...(byAnchor.get(id) ?? [])].sort(byTypeThenId));
  }

  async neighbourhood(id: string, depth: number, o: TraversalOptions, call?: CallOptions): Promise<Subgraph> {
    return this.traverse(`the neighbourhood of "${id}"`, 'neighbourhood', 'BOTH', id, depth, o.limit, followedTypes(o.types, o.excludeTypes) ?? null, o, call);
  }

  async dependencies(id: string, direction: DependencyDirection, maxDepth: number, o: TraversalOptions, call?: CallOptions): Promise<Subgraph> {
    const name = direction === 'UPSTREAM' ? 'dependencies-upstream' : 'dependencies-downstream';
    const way = direction === 'UPSTREAM' ? 'OUT' : 'IN';
    return this.traverse(`the dependencies of "${id}"`, name, way, id, maxDepth, o.limit, followedTypes(DEPENDENCY_TYPES, o.excludeTypes)!, o, call);
  }

  async shortestPath(
    from: string,
    to: string,
    maxDepth: number,
    o: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path | null> {
    const what = `the shortest path from "${from}" to "${to}"`;
    checkCall(call, what);
    if (from === to) {
      // A path of no hop; the pattern below needs at least one relationship.
      const [entity] = await this.getEntities([from], call);
      if (!entity) throw new NotFoundError(`No entity with id "${from}".`);
      return { nodes: [entity], relationships: [] };
    }
    const query = this.queries.withDepth('shortest-path', maxDepth);
    const [row] = await this.runner.read(query, { from, to, types: followedTypes(o.types, o.excludeTypes) ?? null, ...filterParams(o) }, call, what);
    if (!row?.fromFound) throw new NotFoundError(`No entity with id "${from}".`);
    if (!row.toFound) throw new NotFoundError(`No entity with id "${to}".`);
    if (row.nodes === null) return null;
    return { nodes: entities(row.nodes), relationships: relationships(row.relationships) };
  }

  async shortestPaths(
    from: string,
    to: string,
    maxDepth: number,
    first: number,
    o: RelationshipOptions,
    call?: CallOptions,
  ): Promise<Path[]> {
    const what = `the shortest paths from "${from}" to "${to}"`;
    checkCall(call, what);
    if (from === to) {
      const [entity] = await this.getEntities([from], call);
      if (!entity) throw new NotFoundError(`No entity with id "${from}".`);
      return [{ nodes: [entity], relationships: [] }];
    }
    const query = this.queries.withDepth('shortest-paths', maxDepth);
    const params = { from, to, first: int(first), types: followedTypes(o.types, o.excludeTypes) ?? null, ...filterParams(o) };
    const [row] = await this.runner.read(query, params, call, what);
    if (!row?.fromFound) throw new NotFoundError(`No entity with id "${from}".`);
    if (!row.toFound) throw new NotFoundError(`No entity with id "${to}".`);
    const paths = (row.paths as { nodes: unknown; relationships: unknown }[])
      .filter((p) => p.nodes !== null)
      .map((p) => ({ nodes: entities(p.nodes), relationships: relationships(p.relationships) }));
    // Sorted here with the embedded store's comparison, so that both give the same order by construction.
    return paths.sort(byRelationshipIds);
  }

  async replaceGraph(graph: GraphData, onProgress?: ProgressListener): Promise<void> {
    const prepared = prepareGraph(graph);
    const timeout = Math.max(this.runner.settings.queryTimeoutMs, LOAD_TIMEOUT_FLOOR_MS);
    await this.runner.write((tx) => replaceGraphIn(tx, this.queries, prepared, onProgress), timeout);
  }

  /**
   * The lock is a StoreLock node (unique on its name) naming its holder and when its
   * lease expires. Taking it is one write transaction; a caller that finds it held
   * tries again, with growing pauses up to a second, until it is released, its lease
   * expires, or `waitMs` has passed.
   */
  async createToken(token: { name: string; role: Role }): Promise<{ secret: string; token: TokenInfo }> {
    const name = checkTokenName(token.name);
    const role = checkRole(token.role);
    const { secret, hash } = newTokenSecret();
    const [row] = await this.runner.write((tx) => rows(tx, this.queries.text('token-create'), { name, role, hash }));
    if (!row) throw new BadInputError(`A live token is already named "${name}"; revoke it first or choose another name.`, 'name');
    return { secret, token: tokenInfo(row) };
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.runner.read(this.queries.text('token-list'), {}, undefined, 'listTokens')).map(tokenInfo);
  }

  async revokeToken(name: string): Promise<TokenInfo> {
    const [row] = await this.runner.write((tx) => rows(tx, this.queries.text('token-revoke'), { name }));
    if (!row) throw new NotFoundError(`No live token is named "${name}".`, 'name');
    return tokenInfo(row);
  }

  /** A read per request; the write of its use only once per LAST_USED_PERIOD_MS, and a failed one is let go. */
  async findToken(hash: string): Promise<Caller | null> {
    const [row] = await this.runner.read(this.queries.text('token-find'), { hash }, undefined, 'findToken');
    if (!row) return null;
    const lastUsed = row.lastUsed as number | null;
    if (lastUsed === null || Date.now() - lastUsed >= LAST_USED_PERIOD_MS) {
      await this.runner.write((tx) => tx.run(this.queries.text('token-touch'), { hash, periodMs: int(LAST_USED_PERIOD_MS) })).catch(() => undefined);
    }
    return { name: row.name as string, role: row.role as Role };
  }

  async withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const waitMs = options.waitMs ?? LOCK_WAIT_MS;
    const holder = `${hostname()} pid ${process.pid} ${randomUUID()}`;
    const params = { name, holder, leaseMs: int(LOCK_LEASE_MS) };
    const until = Date.now() + waitMs;
    for (let pauseMs = 50; ; pauseMs = Math.min(pauseMs * 2, 1000)) {
      const [row] = await this.runner.write((tx) => rows(tx, this.queries.text('lock-acquire'), params));
      if (row?.acquired === true) break;
      if (Date.now() + pauseMs > until) {
        throw new StoreUnavailableError(
          `Waited ${waitMs} ms for the "${name}" lock at ${this.runner.settings.uri}: ${String(row?.holder)} holds it, its lease ending in ${Number(row?.expiresInMs)} ms.`,
        );
      }
      await sleep(pauseMs);
    }
    const renew = setInterval(() => {
      this.runner.write((tx) => tx.run(this.queries.text('lock-renew'), params)).catch(() => undefined);
    }, LOCK_LEASE_MS / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      // A release that fails leaves the lease to expire.
      await this.runner.write((tx) => tx.run(this.queries.text('lock-release'), params)).catch(() => undefined);
    }
  }

  async graphVersion(): Promise<string | null> {
    const [row] = await this.runner.read(this.queries.text('graph-version'));
    return (row?.version as string | null | undefined) ?? null;
  }

  async stats(): Promise<{ entities: number; relationships: number }> {
    const [row] = await this.runner.read(this.queries.text('stats'));
    return { entities: Number(row?.entities ?? 0), relationships: Number(row?.relationships ?? 0) };
  }

  /** One write transaction, serialized with every other commit by the ChangeLog node's lock: see neo4j-changes.ts. */
  async commit(work: CommitWork): Promise<Committed> {
    const timeout = work.long ? Math.max(this.runner.settings.queryTimeoutMs, LOAD_TIMEOUT_FLOOR_MS) : this.runner.settings.queryTimeoutMs;
    return this.runner.write((tx) => commitIn(tx, this.queries, work), timeout);
  }

  /**
   * The dataset heads; for a log from before them, recorded once from its LOADs (their whole
   * content read this one time); servers doing it at once write the same heads.
   */
  async datasetHeads(): Promise<DatasetHead[]> {
    const [row] = await this.runner.read(this.queries.text('dataset-heads'), {}, undefined, 'the dataset heads');
    const heads = ((row?.heads ?? []) as [string | null, string | null, number | null][])
      .filter((h): h is [string, string | null, number] => h[0] !== null)
      .map(([dataset, version, seq]) => ({ dataset, version, seq: Number(seq) }));
    if (heads.length > 0 || row?.loaded !== true) return heads;
    const last = new Map<string, DatasetHead>();
    for (const c of await this.listChanges({ kinds: ['LOAD'], targets: false })) {
      if (c.op.kind === 'LOAD') last.set(c.op.dataset, { dataset: c.op.dataset, version: c.op.version, seq: c.seq });
    }
    const found = [...last.values()].sort((a, b) => compareIds(a.dataset, b.dataset));
    await this.runner.write((tx) => tx.run(this.queries.text('change-write-log'), { changes: [], targets: [], heads: found.map((h) => ({ ...h, seq: neo4j.int(h.seq) })), version: null }));
    return found;
  }

  async listChanges(query: ChangeQuery): Promise<ChangeRecord[]> {
    const { name, params } = changesQuery(query);
    const found = (await this.runner.read(this.queries.text(name), params, undefined, 'listChanges')).map(toChangeRecord);
    // Sorted here, whatever order the rows came in.
    return found.sort((a, b) => (query.newestFirst ? b.seq - a.seq : a.seq - b.seq));
  }

  async changeAt(instant: string): Promise<number> {
    const [row] = await this.runner.read(this.queries.text('change-at'), { instant }, undefined, 'changeAt');
    return Number(row?.seq ?? 0);
  }

  async lastChange(): Promise<number> {
    const [row] = await this.runner.read(this.queries.text('change-last'), {}, undefined, 'lastChange');
    return Number(row?.seq ?? 0);
  }

  async getRelationships(ids: readonly string[], call?: CallOptions): Promise<(Relationship | null)[]> {
    checkCall(call, 'getRelationships');
    if (ids.length === 0) return [];
    return relationshipsInOrder(ids, await this.runner.read(this.queries.text('get-relationships'), { ids: [...new Set(ids)] }, call, 'getRelationships'));
  }

  async mergedInto(ids: readonly string[], call?: CallOptions): Promise<(string | null)[]> {
    checkCall(call, 'mergedInto');
    if (ids.length === 0) return [];
    const found = await this.runner.read(this.queries.text('merged-into'), { ids: [...new Set(ids)] }, call, 'mergedInto');
    const into = new Map(found.map((r) => [r.id as string, r.into as string]));
    return ids.map((id) => into.get(id) ?? null);
  }

  async ping(): Promise<void> {
    await this.runner.read(this.queries.text('ping'), {}, undefined, 'ping', PING_TIMEOUT_MS);
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  private async traverse(
    what: string,
    name: DepthQueryName,
    way: Direction,
    id: string,
    depth: number,
    limit: number,
    types: readonly RelationshipType[] | null,
    filter: RelationshipFilter,
    call: CallOptions | undefined,
  ): Promise<Subgraph> {
    checkCall(call, what);
    const params = { id, types, limit: int(limit), ...filterParams(filter) };
    const [row] = await this.runner.read(this.queries.withDepth(name, depth), params, call, what);
    if (!row) throw new NotFoundError(`No entity with id "${id}".`);
    const nodes = (row.nodes as EntityList[]).map(entityFromList);
    const found = (row.relationships as RelationshipList[]).map(relationshipFromList);
    const distances = (row.distances as number[]).map(Number);
    return {
      nodes,
      relationships: found,
      truncated: row.truncated === true,
      distances,
      via: viaOf(nodes.map((n) => n.id), distances, found, way),
    };
  }

  /** One query for the page's ids and relationships and the total (statements-of.cypher), then the entities by id. */
  async statementsOf(id: string, o: StatementOptions, call?: CallOptions): Promise<StatementPage> {
    const what = `the statements of "${id}"`;
    checkCall(call, what);
    const params = {
      cites: JSON.stringify({ document: id }).slice(1, -1),
      afterKind: o.after?.kind ?? null,
      afterId: o.after?.id ?? null,
      limit: int(o.first + 1),
    };
    const [row] = await this.runner.read(this.queries.text('statements-of'), params, call, what);
    const found = await this.getEntities((row?.entityIds ?? []) as string[], call);
    const all: Statement[] = [
      ...found.flatMap((entity): Statement[] => (entity ? [{ kind: 'entity', entity }] : [])),
      ...relationships(row?.relationships ?? []).map((relationship): Statement => ({ kind: 'relationship', relationship })),
    ];
    return { statements: all.slice(0, o.first), hasMore: all.length > o.first, totalCount: Number(row?.totalCount ?? 0) };
  }
}
