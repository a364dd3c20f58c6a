import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { createChangeFeed, type ChangeFeed } from '../../src/feed/change-feed';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeIfRedis, startRedisServer, type RedisServer } from '../helpers/redis-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * Two replicas (two apps, two stores on one database file, each with its own feed) joined by
 * a real Redis: a change committed on one reaches the `changes` subscribers of the other, over
 * server-sent events, relationship changes included, in order.
 */
describeIfRedis('live changes across replicas through Redis [store: embedded]', () => {
  let redis: RedisServer;
  let dir: string;
  const replicas: { store: SqliteStore; feed: ChangeFeed; app: App }[] = [];
  let token: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    dir = mkdtempSync(join(tmpdir(), 'live-changes-'));
    for (let i = 0; i < 2; i++) {
      const store = new SqliteStore(join(dir, 'graph.sqlite'));
      if (i === 0) await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
      const feed = createChangeFeed({ redisUrl: redis.url, log: () => {} });
      replicas.push({ store, feed, app: createApp(store, { graphiql: false, feed }) });
    }
    token = (await replicas[0]!.store.createToken({ name: 'replica-editor', role: 'editor' })).secret;
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) {
      await r.feed.close();
      await r.store.close();
    }
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a change made on one replica to a subscriber of the other', async () => {
    const controller = new AbortController();
    const response = await replicas[1]!.app.fetch(`http://b/graphql?query=${encodeURIComponent('subscription { changes { seq kind by targets { kind id } } }')}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    // One read at a time: a read given up on would swallow the chunk it later gets.
    let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
    const read = async (until: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!until() && Date.now() < deadline) {
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
        if (chunk === null) continue;
        pending = undefined;
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
    };
    // Until its SUBSCRIBE has reached Redis, the subscriber hears nothing: replica A publishes a probe until it arrives.
    for (let i = 0; i < 100 && !text.includes('"by":"probe"'); i++) {
      replicas[0]!.feed.publish({ seq: 0, at: new Date().toISOString(), actor: 'probe', kind: 'LOAD', dataset: 'probe', reason: null, citations: [], targets: [] });
      await read(() => text.includes('"by":"probe"'), 200);
    }
    text = '';
    const mutation = async (query: string, input: Record<string, unknown>) => {
      const answer = await replicas[0]!.app.fetch('http://a/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      const body = (await answer.json()) as { data?: Record<string, { change: { seq: number } }>; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return Object.values(body.data!)[0]!.change.seq;
    };
    const cite = [{ document: 'question-412-smart-city-2020', quote: 'CIRB', section: 'answer-1' }];
    const seqs = [
      await mutation('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } } }', { id: 'fidus', properties: { note: 'replica test' }, citations: cite, reason: 'replica test' }),
      await mutation('mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { change { seq } } }', { id: 'cirb.consults.bpl', properties: { note: 'replica test' }, citations: cite, reason: 'replica test' }),
    ];
    await read(() => seqs.every((seq) => text.includes(`"seq":${seq}`)), 10_000);
    controller.abort();
    const events = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)).data.changes).filter((c: { by: string }) => c.by !== 'probe');
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(seqs);
    expect(events[0]).toMatchObject({ kind: 'UPDATE_ENTITY', by: 'replica-editor', targets: [{ kind: 'ENTITY', id: 'fidus' }] });
    expect(events[1]).toMatchObject({ kind: 'UPDATE_RELATIONSHIP', targets: [{ kind: 'RELATIONSHIP', id: 'cirb.consults.bpl' }] });
  }, 30_000);
});
