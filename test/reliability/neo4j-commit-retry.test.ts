import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { curateOp } from '../helpers/curate-op';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';

/** A Bolt COMMIT message, as one chunk: size 2, a struct of no field (B0), signature 0x12, end of message. */
const COMMIT = Buffer.from([0x00, 0x02, 0xb0, 0x12, 0x00, 0x00]);

/**
 * A TCP proxy to Neo4j that, once armed, passes the next COMMIT on to the database and then
 * drops the client's connection before the answer comes back: the commit is made, and the
 * client cannot know it.
 */
function commitDropper(target: URL): Promise<{ server: Server; port: number; arm: () => void; dropped: () => number }> {
  let armed = false;
  let drops = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(Number(target.port || 7687), target.hostname);
    client.on('data', (data) => {
      upstream.write(data);
      if (armed && data.includes(COMMIT)) {
        armed = false;
        drops++;
        // Time for the database to commit before the client loses its connection.
        setTimeout(() => { client.destroy(); upstream.destroy(); }, 200);
      }
    });
    upstream.on('data', (data) => { if (!client.destroyed) client.write(data); });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, port: typeof address === 'object' && address ? address.port : 0, arm: () => { armed = true; }, dropped: () => drops });
  }));
}

describeIfNeo4j('a commit whose answer is lost [store: neo4j]', () => {
  it('is made once: the retry finds it under its request key, and a client retrying with its idempotency key gets the same change', async () => {
    const config = neo4jTestConfig()!;
    const release = await lockNeo4j(config.uri);
    const proxy = await commitDropper(new URL(config.uri.replace(/^bolt/, 'http')));
    const store = await Neo4jStore.connect({ ...config, uri: `bolt://127.0.0.1:${proxy.port}` });
    try {
      await emptyNeo4j(config);
      await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
      const before = await store.lastChange();
      const op = { kind: 'UPDATE_ENTITY' as const, id: 'fidus', set: {}, properties: { set: { lostAnswer: 1 }, remove: [] }, citations: [] };
      proxy.arm();
      const first = await curateOp(store, op, { reason: 'the answer is lost', key: 'lost-answer-1' }).catch((error: unknown) => error);
      expect(proxy.dropped()).toBe(1);
      const again = await curateOp(store, op, { reason: 'the answer is lost', key: 'lost-answer-1' });
      if (!(first instanceof Error)) expect((first as { seq: number }).seq).toBe(again.seq);
      const made = await store.listChanges({ after: before });
      expect(made.map((c) => [c.kind, c.reason])).toEqual([['UPDATE_ENTITY', 'the answer is lost']]);
      expect(again.seq).toBe(before + 1);
      // Without a key of the client's, the store's own retry finds the commit under the key the server drew.
      proxy.arm();
      const drawn = await curateOp(store, { ...op, properties: { set: { lostAnswer: 2 }, remove: [] } }, { reason: 'retried by the store' }).catch((error: unknown) => error);
      expect(proxy.dropped()).toBe(2);
      const all = await store.listChanges({ after: before + 1 });
      expect(all.map((c) => c.reason)).toEqual(['retried by the store']);
      if (!(drawn instanceof Error)) expect((drawn as { seq: number }).seq).toBe(before + 2);
    } finally {
      await store.close();
      proxy.server.close();
      release();
    }
  }, 120_000);
});
