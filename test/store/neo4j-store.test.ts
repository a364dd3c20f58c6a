import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
// The module objects themselves (not an import's copy of their members): the test checks that nothing replaced their functions.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import net = require('node:net');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tls = require('node:tls');
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { ConflictError, GraphRefusedError, StoreUnavailableError, TimeoutError } from '../../src/domain/errors';
import { SEED_ACTOR, type NewChange } from '../../src/changes/change';
import { appendChange } from '../../src/curation/curate';
import { curateOp } from '../helpers/curate-op';
import { graphVersionAt } from '../../src/changes/versions';
import { relationshipId, type Entity, type GraphData, type Relationship } from '../../src/domain/model';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../src/domain/vocabulary';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { CypherQueries, DEFAULT_CYPHER_DIR } from '../../src/store/neo4j/cypher-queries';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { loadDataset } from '../contract/curation-contract';
import { fixture } from '../contract/fixture';
import { hubGraph } from '../contract/big-graph';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jSchema, neo4jTestConfig } from '../helpers/neo4j-test-env';
import { canonical } from '../../src/domain/canonical';

const config = neo4jTestConfig();

/** The queries the test database is running now, as SHOW TRANSACTIONS lists them. */
async function runningQueries(): Promise<string[]> {
  const driver = neo4j.driver(config!.uri, neo4j.auth.basic(config!.username, config!.password));
  try {
    const result = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
    return result.records.map((r) => String(r.get('currentQuery')));
  } finally {
    await driver.close();
  }
}

/** The operators of the plan Neo4j makes for `query`, depth first. */
async function planOperators(query: string, params: Record<string, unknown>): Promise<string[]> {
  const driver = neo4j.driver(config!.uri, neo4j.auth.basic(config!.username, config!.password));
  try {
    const { summary } = await driver.executeQuery(`EXPLAIN ${query}`, params);
    const out: string[] = [];
    const walk = (p: { operatorType: string; children: unknown[] }) => {
      out.push(p.operatorType.replace(/@.*/, ''));
      for (const c of p.children) walk(c as typeof p);
    };
    walk(summary.plan as unknown as { operatorType: string; children: unknown[] });
    return out;
  } finally {
    await driver.close();
  }
}

async function until(what: string, ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/**
 * Query files whose neighbourhood query runs for a minute (a count over a hundred
 * million rows), marked so that SHOW TRANSACTIONS can find it.
 */
const SLOW_MARKER = 'slow-neighbourhood-for-the-deadline-test';
function slowCypherDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-slow-'));
  cpSync(DEFAULT_CYPHER_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'neighbourhood.cypher'),
    `WITH '${SLOW_MARKER} {{maxDepth}}' AS marker\nUNWIND range(1, 200000000) AS i\nWITH marker, i WHERE i % 1000003 = -1\nRETURN [] AS nodes, [] AS relationships, false AS truncated, count(marker) AS n`,
  );
  return dir;
}

/** A fresh, emptied database per store (graph, change log, tokens: every node): the contract loads its own fixture. */
async function open(): Promise<Neo4jStore> {
  await emptyNeo4j(config!);
  return Neo4jStore.connect(config!);
}

// One file, so one worker: every suite here empties and loads the same database in turn; the
// lock keeps the other files that do (test/reliability) out of it meanwhile.
describeIfNeo4j('Neo4j store [store: neo4j]', () => {
  let release = () => {};
  beforeAll(async () => {
    release = await lockNeo4j(config!.uri);
  });
  afterAll(() => release());
  // The contract and the API suites run on this store from test/contract/every-store.test.ts and test/api/every-store.test.ts.

  describe('Neo4j specifics', () => {
    let store: Neo4jStore;
    beforeAll(async () => {
      store = await open();
    });
    // Each test starts from the fixture, whatever the one before left.
    beforeEach(() => store.replaceGraph(fixture));
    afterAll(async () => store && (await store.close()));

    it('sets up its schema idempotently: connecting again changes nothing', async () => {
      const schema = await neo4jSchema(config!);
      expect(schema.join('\n')).toMatch(/entity_search.*standard-no-stop-words/);
      expect(schema.join('\n')).toMatch(/entity_id/);
      const again = await Neo4jStore.connect(config!);
      try {
        expect(await neo4jSchema(config!)).toEqual(schema);
        expect(await again.stats()).toEqual(await store.stats());
        expect((await again.search('agence', 1))[0]?.entity.id).toBe('agence');
      } finally {
        await again.close();
      }
    });

    it('returns plain JS values, never driver types', async () => {
      const [agence] = await store.getEntities(['agence']);
      expect(agence!.properties.staff).toBe(12);
      expect(typeof agence!.properties.staff).toBe('number');
      expect(agence!.properties.regional).toBe(true);
      expect(agence!.properties.tags).toEqual(['a', 'b']);
      const stats = await store.stats();
      expect(typeof stats.entities).toBe('number');
      const page = await store.listEntities({ first: 1 });
      expect(typeof page.totalCount).toBe('number');
      const hub = await store.neighbourhood('hub', 1, { limit: 3 });
      expect(Object.getPrototypeOf(hub.nodes[0])).toBe(Object.prototype);
      expect(typeof (await store.search('agence', 1))[0]!.score).toBe('number');
      // Nothing the driver makes (Integer, Node, Relationship, Path, Record) survives a JSON round trip unchanged.
      expect(JSON.parse(JSON.stringify(hub))).toEqual(hub);
    });

    it('finds names holding English stop words, whole or in part', async () => {
      const graph: GraphData = {
        version: 'stop-words',
        entities: [
          { id: 'move', type: 'Initiative', category: null, label: 'Brussels on the Move', names: [{ text: 'Wi.Fi in the City', language: 'en', kind: 'ALIAS' }], status: null, inferred: {}, properties: {}, sources: [] },
        ],
        relationships: [],
      };
      await store.replaceGraph(graph);
      expect((await store.search('brussels on the move', 5))[0]).toMatchObject({ entity: { id: 'move' } });
      expect((await store.search('Brussels on the Move', 5))[0]!.score).toBeGreaterThanOrEqual(3);
      expect((await store.search('fi in the', 5)).map((h) => h.entity.id)).toEqual(['move']);
    });

    it('breaks ties between equally short paths as the embedded store does', async () => {
      // Two paths of two hops from top to bottom; read from bottom back, bottom.uses.left sorts before right.depends-on.bottom.
      const e = (id: string): Entity => ({ id, type: 'Platform', category: null, label: id, names: [], status: null, inferred: {}, properties: {}, sources: [] });
      const r = (from: string, type: RelationshipType, to: string): Relationship => ({ id: relationshipId(from, type, to), type, from, to, properties: {}, sources: [] });
      const diamond: GraphData = {
        version: 'diamond',
        entities: ['top', 'left', 'right', 'bottom'].map(e),
        relationships: [r('top', 'USES', 'right'), r('right', 'DEPENDS_ON', 'bottom'), r('top', 'USES', 'left'), r('bottom', 'USES', 'left')],
      };
      await store.replaceGraph(diamond);
      const path = await store.shortestPath('top', 'bottom', 3, {});
      expect(path!.nodes.map((n) => n.id)).toEqual(['top', 'left', 'bottom']);
      const lone = await store.shortestPath('top', 'top', 3, {});
      expect(lone).toEqual({ nodes: [diamond.entities[0]], relationships: [] });
    });

    it('keeps the previous graph whole when a replace fails midway, after every write', async () => {
      // The last statement of a load fails in the database: all the writes before it are rolled back.
      const dir = mkdtempSync(join(tmpdir(), 'cypher-'));
      cpSync(DEFAULT_CYPHER_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'replace-graph-version.cypher'), "MERGE (m:GraphMeta {key: 'graph'}) SET m.version = $version RETURN 1 / 0 AS boom");
      const failing = await Neo4jStore.connect({ ...config!, cypherDir: dir });
      try {
        const before = await store.stats();
        const changed: GraphData = { ...fixture, version: 'changed', entities: fixture.entities.map((e) => ({ ...e, label: `${e.label} (changed)` })) };
        await expect(failing.replaceGraph(changed)).rejects.toThrow(/by zero/);
        expect(await store.stats()).toEqual(before);
        expect(await store.graphVersion()).toBe('fixture-1');
        const [agence] = await store.getEntities(['agence']);
        expect(agence?.label).toBe('Agence Numérique');
        // Into an empty database too (the import's other path): it stays empty.
        await emptyNeo4j(config!);
        await expect(failing.replaceGraph(fixture)).rejects.toThrow(/by zero/);
        expect(await store.stats()).toEqual({ entities: 0, relationships: 0 });
      } finally {
        await failing.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a graph with a repeated id, changing nothing', async () => {
      const before = await store.stats();
      const twice: GraphData = { ...fixture, version: 'twice', entities: [...fixture.entities, { ...fixture.entities[1]!, label: 'Other' }] };
      await expect(store.replaceGraph(twice)).rejects.toThrow(/agence/);
      await expect(store.replaceGraph(twice)).rejects.toBeInstanceOf(GraphRefusedError);
      expect(await store.stats()).toEqual(before);
      expect(await store.graphVersion()).toBe('fixture-1');
    });

    describe('a call whose deadline passes while the database runs it', () => {
      let dir: string;
      let slow: Neo4jStore;
      const isRunning = async () => (await runningQueries()).some((q) => q.includes(SLOW_MARKER));
      beforeAll(async () => {
        dir = slowCypherDir();
        slow = await Neo4jStore.connect({ ...config!, cypherDir: dir, queryTimeoutMs: 60_000 });
      });
      afterAll(async () => {
        await slow?.close();
        rmSync(dir, { recursive: true, force: true });
      });

      it('rejects with TimeoutError when its signal aborts, and the database stops the query', async () => {
        const controller = new AbortController();
        const call = slow.neighbourhood('agence', 1, { limit: 10 }, { signal: controller.signal }).catch((e) => e);
        await until('the slow query listed by SHOW TRANSACTIONS', 10_000, isRunning);
        const aborted = Date.now();
        controller.abort();
        const error = await call;
        expect(error).toBeInstanceOf(TimeoutError);
        const rejectedMs = Date.now() - aborted;
        const gone = await until('the slow query gone from SHOW TRANSACTIONS', 5000, async () => !(await isRunning()));
        process.stdout.write(`Aborted query: rejected ${rejectedMs} ms after the abort, gone from SHOW TRANSACTIONS ${gone} ms after\n`);
        // The store answers the next call.
        expect((await store.getEntities(['agence']))[0]?.id).toBe('agence');
        expect(await slow.stats()).toEqual(await store.stats());
      }, 30_000);

      it('rejects with TimeoutError at its deadline, the transaction timed out by the database itself', async () => {
        const started = Date.now();
        const error = await slow.neighbourhood('agence', 1, { limit: 10 }, { deadline: started + 800 }).catch((e) => e);
        expect(error).toBeInstanceOf(TimeoutError);
        expect(error.message).toContain('the neighbourhood of "agence"');
        await until('the slow query gone from SHOW TRANSACTIONS', 5000, async () => !(await isRunning()));
      }, 30_000);
    });

    it('takes over a lock whose holder crashed once its lease has expired', async () => {
      const driver = neo4j.driver(config!.uri, neo4j.auth.basic(config!.username, config!.password));
      try {
        await driver.executeQuery("MERGE (l:StoreLock {name: 'crashed'}) SET l.holder = 'a server that crashed', l.expires = timestamp() - 1");
        await expect(store.withLock('crashed', async () => 'taken', { waitMs: 2000 })).resolves.toBe('taken');
        // Released after: no lock node left.
        const left = await driver.executeQuery("MATCH (l:StoreLock {name: 'crashed'}) RETURN count(l) AS n");
        expect(left.records[0]!.get('n').toNumber()).toBe(0);
        // A lease still running is waited for, and named when waiting gives up.
        await driver.executeQuery("MERGE (l:StoreLock {name: 'crashed'}) SET l.holder = 'a server that crashed', l.expires = timestamp() + 60000");
        const error = await store.withLock('crashed', async () => 'taken', { waitMs: 500 }).catch((e) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error.message).toMatch(/"crashed" lock at bolt:.*a server that crashed holds it/);
      } finally {
        await driver.executeQuery("MATCH (l:StoreLock {name: 'crashed'}) DELETE l");
        await driver.close();
      }
    });

    it('gives entity types as labels and relationship types as Neo4j types', async () => {
      const up = await store.dependencies('portail', 'UPSTREAM', 5, { limit: 100 });
      expect(up.relationships.map((r) => r.type).sort()).toEqual(['BUILDS_ON', 'DEPENDS_ON', 'INTEGRATES']);
    });
  });

  describe('the change log and curation on Neo4j', () => {
    let store: Neo4jStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => store && (await store.close()));
    const append = (dataset: string): NewChange => ({
      kind: 'LOAD', actor: SEED_ACTOR, dataset, reason: null, citations: [], op: { kind: 'LOAD', dataset, version: 'v', entities: [], relationships: [] }, targets: [],
    });

    it('finds relationships by id with a unique seek per relationship type, never a scan, even right after a bulk load', async () => {
      const schema = (await neo4jSchema(config!)).join('\n');
      for (const type of RELATIONSHIP_TYPES) expect(schema).toContain(`"relationship_id_${type}"`);
      // Index statistics still those of an empty database: a pattern naming every type was planned as a scan per id then.
      await store.replaceGraph(hubGraph(6, 2000));
      const queries = CypherQueries.load();
      for (const name of ['get-relationships', 'change-delete-relationships', 'replace-graph-update-relationships'] as const) {
        const operators = await planOperators(queries.text(name), { ids: ['x'], rows: { x: {} } });
        expect(operators.filter((o) => /^DirectedRelationshipUniqueIndexSeek/.test(o))).toHaveLength(RELATIONSHIP_TYPES.length);
        expect(operators.filter((o) => /Scan/.test(o))).toEqual([]);
      }
      const mergedInto = await planOperators(queries.text('merged-into'), { ids: ['x'] });
      expect(mergedInto).toContain('NodeUniqueIndexSeek');
      const history = await planOperators(queries.text('list-changes-of-target'), {
        after: neo4j.int(0), before: neo4j.int(9), since: null, until: null, kinds: null, sign: neo4j.int(1), limit: neo4j.int(9), targets: true, targetKind: 'ENTITY', targetId: 'x',
      });
      expect(history.filter((o) => /Scan/.test(o))).toEqual([]);
    });

    it('keeps records and merged ids as replaceGraph gives them, and a record absent stays absent', async () => {
      const [agence, partenaire] = ['agence', 'partenaire'].map((id) => fixture.entities.find((e) => e.id === id)!);
      const procures = fixture.relationships.find((r) => r.id === 'agence.procures.marche')!;
      const graph = (mergedFrom: string[]): GraphData => ({
        ...fixture,
        entities: fixture.entities.map((e) => (e === agence ? { ...e, record: { version: 3, datasets: ['a', 'b'], mergedFrom } } : e)),
        relationships: fixture.relationships.map((r) => (r === procures ? { ...r, record: { version: 2, datasets: ['a'] } } : r)),
      });
      await store.replaceGraph(graph(['old-agence', 'older-agence']));
      expect((await store.getEntities(['agence']))[0]!.record).toEqual({ version: 3, datasets: ['a', 'b'], mergedFrom: ['old-agence', 'older-agence'] });
      expect((await store.getEntities(['partenaire']))[0]).toEqual(partenaire);
      expect('record' in (await store.getEntities(['partenaire']))[0]!).toBe(false);
      expect((await store.getRelationships([procures.id]))[0]!.record).toEqual({ version: 2, datasets: ['a'] });
      expect((await store.relationshipsOf(['agence'], { direction: 'OUT', types: ['PROCURES'] }))[0]![0]!.record).toEqual({ version: 2, datasets: ['a'] });
      expect((await store.neighbourhood('marche', 1, { limit: 10 })).nodes.find((n) => n.id === 'agence')!.record!.version).toBe(3);
      expect(await store.mergedInto(['old-agence', 'older-agence', 'agence'])).toEqual(['agence', 'agence', null]);
      // The same graph again, then one merged id less, then none: the MergedId nodes follow.
      await store.replaceGraph(graph(['old-agence', 'older-agence']));
      await store.replaceGraph(graph(['older-agence']));
      expect(await store.mergedInto(['old-agence', 'older-agence'])).toEqual([null, 'agence']);
      await store.replaceGraph(fixture);
      expect(await store.mergedInto(['older-agence'])).toEqual([null]);
      expect((await store.getEntities(['agence']))[0]).toEqual(agence);
      expect((await store.getRelationships([procures.id]))[0]).toEqual(procures);
    });

    it('writes a graph folded through a change only while the log ends there, and keeps the log through every replaceGraph', async () => {
      await appendChange(store, append('a'));
      await appendChange(store, append('b'));
      await store.replaceGraph(fixture);
      await expect(store.replaceGraph({ ...fixture, version: graphVersionAt(1), throughChange: 1, entities: [], relationships: [] })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.graphVersion()).toBe(fixture.version);
      expect((await store.stats()).entities).toBe(fixture.entities.length);
      await store.replaceGraph({ ...fixture, version: graphVersionAt(2), throughChange: 2 });
      expect(await store.graphVersion()).toBe(graphVersionAt(2));
      // Neither the graph's writes nor a new connection touch the log.
      const again = await Neo4jStore.connect(config!);
      try {
        expect((await again.listChanges({})).map((c) => [c.seq, c.dataset])).toEqual([[1, 'a'], [2, 'b']]);
      } finally {
        await again.close();
      }
    });

    it('numbers concurrent commits from several connections one after another, in time order', async () => {
      const others = await Promise.all([Neo4jStore.connect(config!), Neo4jStore.connect(config!)]);
      try {
        const stores = [store, ...others];
        const made = await Promise.all(Array.from({ length: 30 }, (_, i) => appendChange(stores[i % 3]!, append(`d${i}`))));
        expect(made.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        const log = await store.listChanges({ targets: false });
        for (let i = 1; i < log.length; i++) expect(log[i]!.at >= log[i - 1]!.at).toBe(true);
        expect(await store.lastChange()).toBe(30);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it('reads a record\'s last changes by its index, newest first, after many edits', async () => {
      await loadDataset(store, 'fixture', fixture.entities, fixture.relationships);
      const cite = { document: 'fixture-doc', quote: 'about Beta', section: 'answer-1' };
      for (let i = 0; i < 30; i++) await curateOp(store, { kind: 'UPDATE_ENTITY', id: 'beta', set: {}, properties: { set: { i }, remove: [] }, citations: [] }, { actor: 'bench', citations: [cite] });
      const last = await store.listChanges({ target: { kind: 'ENTITY', id: 'beta' }, newestFirst: true, first: 10 });
      expect(last.map((c) => c.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 31 - i));
      expect((await store.getEntities(['beta']))[0]).toMatchObject({ properties: { i: 29 }, record: { version: await store.lastChange() } });
    });
  });

  describe('answers as the embedded store does', () => {
    let store: Neo4jStore;
    let embedded: SqliteStore;
    beforeAll(async () => {
      store = await open();
      embedded = new SqliteStore(':memory:');
    });
    afterAll(async () => {
      await store?.close();
      await embedded?.close();
    });

    const graphs: [string, () => GraphData][] = [
      ['the seed', () => loadSeed(join(PROJECT_ROOT, 'seed'))],
      ['a graph full of ties', tangledGraph],
    ];
    it.each(graphs)('on %s', async (_name, make) => {
      const graph = make();
      await Promise.all([store.replaceGraph(graph), embedded.replaceGraph(graph)]);
      // Every question goes to both stores; a few at a time, for speed.
      const checks: (() => Promise<void>)[] = [];
      const same = <T>(ask: (s: Neo4jStore | SqliteStore) => Promise<T>, what: string) =>
        checks.push(async () => {
          const [mine, theirs] = await Promise.all([ask(store), ask(embedded)]);
          if (canonical(mine) !== canonical(theirs)) expect({ what, answer: mine }).toEqual({ what, answer: theirs });
        });
      const ids = graph.entities.map((e) => e.id);
      const types: RelationshipType[] = [...new Set(graph.relationships.map((r) => r.type))].slice(0, 3);
      same((s) => s.stats(), 'stats');
      for (const direction of ['OUT', 'IN', 'BOTH'] as const) {
        same((s) => s.relationshipsOf(ids, { direction }), `relationshipsOf ${direction}`);
        same((s) => s.relationshipsOf(ids, { direction, types }), `relationshipsOf ${direction} ${types}`);
      }
      for (const first of [1, 7, 100]) {
        for (const after of [undefined, ids[5]]) same((s) => s.listEntities({ first, after }), `list ${first} ${after}`);
      }
      for (const id of ids) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [4, 1000]) same((s) => s.neighbourhood(id, depth, { limit }), `neighbourhood ${id} ${depth} ${limit}`);
        }
        same((s) => s.neighbourhood(id, 2, { limit: 6, types }), `neighbourhood ${id} ${types}`);
        for (const direction of ['UPSTREAM', 'DOWNSTREAM'] as const) {
          for (const [depth, limit] of [[1, 1000], [10, 2], [10, 1000]] as const) {
            same((s) => s.dependencies(id, direction, depth, { limit }), `dependencies ${id} ${direction} ${depth} ${limit}`);
          }
        }
      }
      ids.forEach((from, i) => {
        for (const to of [ids[(i * 7 + 3) % ids.length]!, ids[(i * 13 + 11) % ids.length]!, from]) {
          same((s) => s.shortestPath(from, to, 10, {}), `shortestPath ${from} ${to}`);
          same((s) => s.shortestPath(from, to, 3, { types }), `shortestPath ${from} ${to} ${types}`);
        }
      });
      // Within a tier each store ranks by its own full-text score, so compare what is found and the tiers, not the order inside a tier.
      const found = async (s: Neo4jStore | SqliteStore, text: string) => {
        const hits = await s.search(text, 100);
        return { ids: hits.map((h) => h.entity.id).sort(), tiers: hits.map((h) => Math.floor(h.score)) };
      };
      for (const e of graph.entities) {
        for (const text of [e.label, e.label.split(' ')[0]!, e.label.slice(0, 3), ...e.names.map((n) => n.text)]) same((s) => found(s, text), `search ${text}`);
      }
      const queue = [...checks];
      await Promise.all(Array.from({ length: 8 }, async () => {
        for (let check = queue.shift(); check; check = queue.shift()) await check();
      }));
    }, 300_000);
  });

  describe('its sockets', () => {
    const target = new URL(config?.uri ?? 'bolt://127.0.0.1:7687');
    const targetPort = Number(target.port || 7687);
    const original = Socket.prototype.setNoDelay;
    /** Sockets whose Nagle's algorithm was turned off, seen by wrapping setNoDelay in this test only. */
    const noDelay = new Set<Socket>();
    beforeAll(() => {
      Socket.prototype.setNoDelay = function (this: Socket, on?: boolean) {
        if (on !== false) noDelay.add(this);
        return original.call(this, on);
      };
    });
    afterAll(() => {
      Socket.prototype.setNoDelay = original;
    });

    it('send at once: the driver\'s sockets, and only those, have Nagle\'s algorithm off', async () => {
      const before = [net.connect, net.createConnection, tls.connect];
      noDelay.clear();
      const store = await Neo4jStore.connect(config!);
      try {
        await store.getEntities(Array.from({ length: 60 }, (_, i) => `some-entity-id-${i}-with-a-long-name`));
        // Every socket the store opened to the database has no-delay on.
        const toNeo4j = [...noDelay].filter((s) => s.remotePort === targetPort);
        expect(toNeo4j.length).toBeGreaterThanOrEqual(1);
        // Nothing process-wide: the connect functions are Node's own, and a socket opened
        // by other code (here to the same database) keeps Nagle's algorithm.
        expect([net.connect, net.createConnection, tls.connect]).toEqual(before);
        expect(net.connect.toString()).toMatch(/\[native code\]|function connect\(/);
        const other = net.connect(targetPort, target.hostname);
        await new Promise<void>((resolve, reject) => other.once('connect', resolve).once('error', reject));
        expect(noDelay.has(other)).toBe(false);
        other.destroy();
      } finally {
        await store.close();
      }
    });
  });

  describe('start-up', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cypher-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stops when a query file is missing, naming it', async () => {
      cpSync(DEFAULT_CYPHER_DIR, dir, { recursive: true });
      rmSync(join(dir, 'shortest-path.cypher'));
      await expect(Neo4jStore.connect({ ...config!, cypherDir: dir })).rejects.toThrow(/shortest-path\.cypher/);
    });

    it('fails fast with StoreUnavailableError naming the URI when nothing listens', async () => {
      const error = await Neo4jStore.connect({ ...config!, uri: 'bolt://127.0.0.1:1', connectionTimeoutMs: 1000 }).catch((e) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toContain('bolt://127.0.0.1:1');
    });
  });

  describe('losing the database', () => {
    // A TCP relay in front of the test server: closing it is losing the database
    // (connections refused), muting it is a database that vanishes without a word.
    const target = new URL(config?.uri ?? 'bolt://127.0.0.1:7687');
    let relay: Server | undefined;
    let port = 0;
    let muted = false;
    const sockets = new Set<Socket>();

    function openRelay(): Promise<void> {
      return new Promise((resolve, reject) => {
        relay = createServer((client) => {
          const upstream = new Socket();
          upstream.connect(Number(target.port || 7687), target.hostname);
          client.on('data', (data) => muted || upstream.write(data));
          upstream.on('data', (data) => muted || client.write(data));
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => undefined);
            s.on('close', () => sockets.delete(s));
          }
          client.on('close', () => upstream.destroy());
          upstream.on('close', () => client.destroy());
        });
        relay.once('error', reject);
        relay.listen(port, '127.0.0.1', () => {
          port = (relay!.address() as { port: number }).port;
          resolve();
        });
      });
    }
    function closeRelay(): Promise<void> {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => (relay?.listening ? relay.close(() => resolve()) : resolve()));
    }
    beforeEach(() => {
      port = 0;
      muted = false;
    });
    afterEach(closeRelay);

    it('throws StoreUnavailableError within seconds while it is gone, and answers again when it is back', async () => {
      await openRelay();
      const store = await Neo4jStore.connect({ ...config!, uri: `bolt://127.0.0.1:${port}`, connectionTimeoutMs: 1000 });
      try {
        await expect(store.ping()).resolves.toBeUndefined();
        await closeRelay();
        const error = await store.ping().catch((e) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error.message).toContain(`bolt://127.0.0.1:${port}`);
        await expect(store.stats()).rejects.toBeInstanceOf(StoreUnavailableError);
        await openRelay();
        await expect(store.ping()).resolves.toBeUndefined();
        await expect(store.stats()).resolves.toEqual({ entities: expect.any(Number), relationships: expect.any(Number) });
      } finally {
        await store.close();
      }
    });

    it('gives up on a database that stops answering, and answers again when it is back', async () => {
      await openRelay();
      const store = await Neo4jStore.connect({ ...config!, uri: `bolt://127.0.0.1:${port}`, connectionTimeoutMs: 1000, queryTimeoutMs: 1000 });
      const patient = await Neo4jStore.connect({ ...config!, uri: `bolt://127.0.0.1:${port}`, connectionTimeoutMs: 1000, queryTimeoutMs: 60_000 });
      try {
        await expect(store.ping()).resolves.toBeUndefined();
        await expect(patient.ping()).resolves.toBeUndefined();
        muted = true;
        // A query on a socket that stays open but silent: the runner's own deadline, the
        // transaction timeout plus a connection timeout and a second (1 + 1 + 1 s here).
        const error = await store.stats().catch((e) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error.message).toMatch(/did not answer within 3000 ms/);
        // A readiness probe has its own short timeout, whatever the query timeout (60 s here, past the test's own).
        await expect(patient.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
        // Connecting through it gives up too, naming the URI.
        const refused = await Neo4jStore.connect({ ...config!, uri: `bolt://127.0.0.1:${port}`, connectionTimeoutMs: 1000 }).catch((e) => e);
        expect(refused).toBeInstanceOf(StoreUnavailableError);
        expect(refused.message).toContain(`bolt://127.0.0.1:${port}`);
        muted = false;
        await expect(store.ping()).resolves.toBeUndefined();
        await expect(patient.ping()).resolves.toBeUndefined();
      } finally {
        muted = false;
        await store.close();
        await patient.close();
      }
    });

    it('throws StoreUnavailableError once closed', async () => {
      const store = await Neo4jStore.connect(config!);
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});

/**
 * Layers of entities with many equally short paths between them, ids shuffled so
 * that id order and creation order disagree, several types and a symmetric one.
 */
function tangledGraph(): GraphData {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const types: RelationshipType[] = ['DEPENDS_ON', 'BUILDS_ON', 'INTEGRATES', 'COLLABORATES_WITH', 'OPERATES', 'USES'];
  const layers = [3, 6, 9, 9, 6, 3];
  const entities: Entity[] = [];
  const byLayer: string[][] = layers.map((size, l) =>
    Array.from({ length: size }, (_, k) => {
      const id = `n${String(Math.floor(random() * 900) + 100)}-${l}-${k}`;
      entities.push({ id, type: 'Platform', category: null, label: `Noeud ${l} ${k}`, names: [{ text: `Alias ${k}`, language: 'fr', kind: 'ALIAS' }], status: null, inferred: {}, properties: {}, sources: [] });
      return id;
    }),
  );
  const relationships = new Map<string, Relationship>();
  byLayer.slice(1).forEach((layer, l) => {
    for (const to of layer) {
      for (const from of byLayer[l]!) {
        if (random() < 0.5) continue;
        const type = types[Math.floor(random() * types.length)]!;
        const [a, b] = random() < 0.3 ? [to, from] : [from, to];
        const id = relationshipId(a, type, b);
        relationships.set(id, { id, type, from: a, to: b, properties: {}, sources: [] });
      }
    }
  });
  entities.push({ id: 'alone', type: 'Principle', category: null, label: 'Alone', names: [], status: null, inferred: {}, properties: {}, sources: [] });
  return { version: 'tangled', entities, relationships: [...relationships.values()] };
}
