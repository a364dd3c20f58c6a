import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import type { GraphStore } from '../../src/store/store';
import { embeddedForProcesses, neo4jForProcesses, type ProcessStore } from '../helpers/process-stores';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';
import { listening, startServer, type ServerProcess } from '../helpers/server-process';

/**
 * Editors at the same moment, as they meet: through HTTP, spread over two server processes
 * sharing one database. Editors who set different properties of one record all keep theirs
 * (an update is a patch, merged into the record as its commit finds it); editors who give
 * the version they read race, and exactly one wins. On both stores.
 */
const EDITORS = 24;
const RACERS = 8;
const cite = [{ document: 'question-412-smart-city-2020', quote: 'Fidus', section: 'answer-1' }];

type Answer = { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };

function describeEditors(kind: string, setUp: () => Promise<ProcessStore>): void {
  describe(`editors at the same moment, through two servers on one database [store: ${kind}]`, () => {
    let servers: ServerProcess[] = [];
    let urls: string[] = [];
    let token = '';
    let done: () => Promise<void> = async () => undefined;
    let open: () => Promise<GraphStore>;

    const post = async (i: number, query: string, variables: Record<string, unknown>): Promise<Answer> => {
      const response = await fetch(urls[i % urls.length]!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as Answer;
    };

    beforeAll(async () => {
      const set = await setUp();
      done = set.done;
      open = set.open;
      const store = await open();
      await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
      token = (await store.createToken({ name: 'editors', role: 'editor' })).secret;
      await store.close();
      servers = [startServer({ ...set.env, LOAD_SEED: 'false' }), startServer({ ...set.env, LOAD_SEED: 'false' })];
      urls = await Promise.all(servers.map(async (s) => (await listening(s, 60)).url as string));
    }, 120_000);

    afterAll(async () => {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await done();
    }, 60_000);

    const UPDATE_ENTITY = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } entity { version } } }`;
    const UPDATE_RELATIONSHIP = `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { change { seq } relationship { version } } }`;

    it(`keeps all ${EDITORS} properties that ${EDITORS} editors set on one entity at once, each in its history`, async () => {
      const answers = await Promise.all(Array.from({ length: EDITORS }, (_, i) =>
        post(i, UPDATE_ENTITY, { input: { id: 'fidus', properties: { [`editor${i}`]: i }, citations: cite, reason: `editor ${i}` } })));
      expect(answers.filter((a) => a.errors)).toEqual([]);
      const { data } = await post(0, `{ node(id: "fidus") { properties version history(first: 100) { nodes { change { seq kind reason } } } } }`, {});
      const node = data!.node;
      for (let i = 0; i < EDITORS; i++) expect(node.properties).toHaveProperty(`editor${i}`, i);
      const reasons = node.history.nodes.filter((h: any) => h.change.kind === 'UPDATE_ENTITY').map((h: any) => h.change.reason).sort();
      expect(reasons).toEqual(Array.from({ length: EDITORS }, (_, i) => `editor ${i}`).sort());
      expect(node.version).toBe(Math.max(...answers.map((a) => a.data!.updateEntity.change.seq)));
    }, 120_000);

    it(`keeps all ${EDITORS} properties that ${EDITORS} editors set on one relationship at once`, async () => {
      const { data } = await post(0, `{ node(id: "fidus") { relationships { id } } }`, {});
      const id = data!.node.relationships[0].id as string;
      const answers = await Promise.all(Array.from({ length: EDITORS }, (_, i) =>
        post(i, UPDATE_RELATIONSHIP, { input: { id, properties: { [`editor${i}`]: i }, citations: cite, reason: `editor ${i}` } })));
      expect(answers.filter((a) => a.errors)).toEqual([]);
      const store = await open();
      try {
        const [r] = await store.getRelationships([id]);
        for (let i = 0; i < EDITORS; i++) expect(r!.properties).toHaveProperty(`editor${i}`, i);
        const history = await store.listChanges({ target: { kind: 'RELATIONSHIP', id }, kinds: ['UPDATE_RELATIONSHIP'] });
        expect(history).toHaveLength(EDITORS);
      } finally {
        await store.close();
      }
    }, 120_000);

    it(`lets exactly one of ${RACERS} editors giving the version they read win; the others get CONFLICT`, async () => {
      const { data } = await post(0, `{ node(id: "cirb") { version } }`, {});
      const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
        post(i, UPDATE_ENTITY, { input: { id: 'cirb', expectedVersion: data!.node.version, properties: { racer: i }, citations: [{ ...cite[0], quote: 'CIRB' }], reason: `racer ${i}` } })));
      expect(answers.filter((a) => !a.errors)).toHaveLength(1);
      expect(answers.filter((a) => a.errors).map((a) => a.errors![0]!.extensions?.code)).toEqual(Array(RACERS - 1).fill('CONFLICT'));
    }, 120_000);
  });
}

describeEditors('embedded', () => embeddedForProcesses('concurrent-editors-'));

describeIfNeo4j('editors on Neo4j [store: neo4j]', () => {
  describeEditors('neo4j', neo4jForProcesses);
});
