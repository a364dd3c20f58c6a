import { join } from 'node:path';
import { graphVersionAt } from '../../src/changes/versions';
import { fold } from '../../src/curation/fold';
import type { Entity } from '../../src/domain/model';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import type { GraphStore } from '../../src/store/store';
import { embeddedForProcesses, neo4jForProcesses, type ProcessStore } from '../helpers/process-stores';
import { describeIfNeo4j } from '../helpers/neo4j-test-env';
import { listening, startServer, type ServerProcess } from '../helpers/server-process';

/**
 * The built server killed with SIGKILL while editors' mutations stream in, three times, then
 * the store opened again: every mutation the server acknowledged is in the log, the graph is
 * exactly the fold of the log (nothing half-applied, nothing missing), and the server starts
 * again on it and takes edits.
 */
const WORKERS = 6;
const ROUNDS = 3;

const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { change { seq } } }`;
const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } } }`;
const ADD_REL = `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { change { seq } } }`;
const cite = [{ document: 'question-412-smart-city-2020', quote: 'CIRB', section: 'answer-1' }];

/** Mutations from WORKERS editors until the server dies: the changes it acknowledged, by number. */
async function stream(url: string, token: string, round: number, stop: { dead: boolean }, failures: string[], acknowledged: Map<number, string>): Promise<Map<number, string>> {
  const post = async (query: string, input: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: { input } }) });
    const body = (await response.json()) as { data?: Record<string, { change: { seq: number } }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return Object.values(body.data!)[0]!.change.seq;
  };
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = 0; !stop.dead && i < 10_000; i++) {
      const id = `kill-${round}-${w}-${i}`;
      try {
        acknowledged.set(await post(CREATE, { id, type: 'Platform', label: `Platform ${round} ${w} ${i}`, citations: cite, reason: 'kill test' }), `CREATE_ENTITY ${id}`);
        acknowledged.set(await post(ADD_REL, { type: 'USES', from: 'cirb', to: id, citations: cite, reason: 'kill test' }), `ADD_RELATIONSHIP cirb.uses.${id}`);
        acknowledged.set(await post(UPDATE, { id: 'fidus', properties: { touchedBy: id }, citations: cite, reason: 'kill test' }), 'UPDATE_ENTITY fidus');
      } catch (error) {
        // The server died under the request: it was not acknowledged. Anything else is a failure.
        if (!stop.dead && !/fetch failed|ECONNRESET|ECONNREFUSED|socket/i.test(String((error as Error).cause ?? error))) failures.push(String(error));
        return;
      }
    }
  }));
  return acknowledged;
}

async function checkStore(store: GraphStore, acknowledged: Map<number, string>): Promise<void> {
  const log = await store.listChanges({});
  const bySeq = new Map(log.map((c) => [c.seq, c]));
  for (const [seq, what] of acknowledged) {
    const change = bySeq.get(seq);
    expect({ seq, kind: change?.kind }).toEqual({ seq, kind: what.split(' ')[0] });
    expect(change!.targets.map((t) => t.id)).toContain(what.split(' ')[1]);
  }
  expect(await store.graphVersion()).toBe(graphVersionAt(log.at(-1)!.seq));
  const { graph } = fold(log);
  expect(await store.stats()).toEqual({ entities: graph.entities.length, relationships: graph.relationships.length });
  const held = await store.getEntities(graph.entities.map((e) => e.id));
  const strip = (e: Entity | null) => e && { ...e, record: { ...e.record, datasets: [...(e.record?.datasets ?? [])].sort() } };
  expect(held.map(strip)).toEqual(graph.entities.map(strip));
  const rels = await store.getRelationships(graph.relationships.map((r) => r.id));
  expect(rels).toEqual(graph.relationships);
}

function describeKill(kind: string, setUp: () => Promise<ProcessStore>): void {
  it(`keeps every acknowledged mutation and none half-applied across SIGKILLs [store: ${kind}]`, async () => {
    const { env, open, done } = await setUp();
    try {
      const store = await open();
      await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
      const { secret } = await store.createToken({ name: 'killer', role: 'editor' });
      await store.close();
      let total = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const server: ServerProcess = startServer({ ...env, LOAD_SEED: 'false' });
        const { url } = await listening(server, 60);
        const stop = { dead: false };
        const failures: string[] = [];
        const acks = new Map<number, string>();
        const streaming = stream(url, secret, round, stop, failures, acks);
        // Killed while mutations stream: once some were acknowledged, a little later each round.
        for (const until = Date.now() + 60_000; acks.size < 10 * (round + 1) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 50 + round * 150));
        server.child.kill('SIGKILL');
        await server.exited;
        stop.dead = true;
        const acknowledged = await streaming;
        expect(failures).toEqual([]);
        total += acknowledged.size;
        process.stderr.write(`[${kind}] round ${round + 1}: ${acknowledged.size} mutations acknowledged before SIGKILL\n`);
        expect(acknowledged.size).toBeGreaterThan(0);
        const reopened = await open();
        try {
          await checkStore(reopened, acknowledged);
        } finally {
          await reopened.close();
        }
      }
      expect(total).toBeGreaterThan(ROUNDS * 3);
    } finally {
      await done();
    }
  }, 240_000);
}

describe('mutations streaming in when the server is killed [store: embedded]', () => {
  describeKill('embedded', () => embeddedForProcesses('kill-mutations-'));
});

describeIfNeo4j('mutations streaming in when the server is killed [store: neo4j]', () => {
  describeKill('neo4j', neo4jForProcesses);
});
