import { createSchema, createYoga } from 'graphql-yoga';
import { createChangeFeed, SUBSCRIBER_BACKLOG, type ChangeFeed, type FeedChange } from '../../src/feed/change-feed';
import { describeIfRedis, freePort, startRedisServer, type RedisServer } from '../helpers/redis-server';

// Jest fails a test during which a promise rejection goes unhandled or an exception uncaught:
// the tests below would show a Redis failure that could end the server's process.

type Line = Record<string, unknown>;

/** Reads the subscription from now on (the first next() is called at once) into `seen`. */
function reader(feed: ChangeFeed) {
  const seen: FeedChange[] = [];
  const iterator = feed.subscribe()[Symbol.asyncIterator]();
  const done = (async () => {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) seen.push(r.value);
  })();
  return { seen, done, iterator };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const seqs = (changes: FeedChange[]) => changes.map((c) => c.seq).filter((s) => s > 0);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Publishes seq 0 on `feed` every 20 ms until every reader has one: then each one's SUBSCRIBE
 * has reached Redis, and what is published after arrives (Redis keeps a channel's order).
 */
async function warmUp(feed: ChangeFeed, readers: { seen: FeedChange[] }[]): Promise<void> {
  const has = () => readers.every((r) => r.seen.some((c) => c.seq === 0));
  for (const deadline = Date.now() + 10_000; !has(); ) {
    if (Date.now() > deadline) throw new Error('the subscribers got nothing from Redis within 10 s');
    feed.publish({ seq: 0 });
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('change feed in one process', () => {
  test('a subscriber gets the changes published, in order, as JSON', async () => {
    const feed = createChangeFeed({});
    const sub = reader(feed);
    feed.publish({ seq: 1, kind: 'add', at: new Date('2024-01-02T03:04:05Z') });
    feed.publish({ seq: 2, kind: 'edit' });
    feed.publish({ seq: 3, kind: 'remove' });
    await until(() => sub.seen.length === 3, '3 changes');
    expect(sub.seen).toEqual([
      // A Date arrives as Redis would carry it: its JSON string.
      { seq: 1, kind: 'add', at: '2024-01-02T03:04:05.000Z' },
      { seq: 2, kind: 'edit' },
      { seq: 3, kind: 'remove' },
    ]);
    await feed.close();
    await sub.done;
  });

  test('a subscriber that reads too slowly is ended with SUBSCRIBER_TOO_SLOW; the others go on', async () => {
    const lines: Line[] = [];
    const feed = createChangeFeed({ log: (l) => lines.push(l) });
    const fast = reader(feed);
    // One next() and no more: its queue fills up.
    const slow = feed.subscribe()[Symbol.asyncIterator]();
    const first = slow.next();
    const total = SUBSCRIBER_BACKLOG + 200;
    for (let seq = 1; seq <= total; seq++) {
      feed.publish({ seq });
      if (seq % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(() => fast.seen.length === total, `${total} changes to the fast subscriber`);
    expect(seqs(fast.seen)).toEqual(range(1, total));
    expect((await first).value).toEqual({ seq: 1 });
    // What was queued for it still comes, then the error.
    let received = 1;
    const ending = await (async () => {
      try {
        for (let r = await slow.next(); !r.done; r = await slow.next()) received++;
        return undefined;
      } catch (error) {
        return error as { message: string; extensions?: { code?: string } };
      }
    })();
    expect(ending?.extensions?.code).toBe('SUBSCRIBER_TOO_SLOW');
    expect(ending?.message).toMatch(/read too slowly/);
    expect(received).toBe(SUBSCRIBER_BACKLOG + 1);
    await feed.close();
    await fast.done;
  });

  test('publish never throws: a change JSON cannot carry is logged', async () => {
    const lines: Line[] = [];
    const feed = createChangeFeed({ log: (l) => lines.push(l) });
    expect(() => feed.publish({ seq: 7, big: BigInt(1) })).not.toThrow();
    expect(lines).toEqual([expect.objectContaining({ msg: 'change not published', seq: 7 })]);
    await feed.close();
  });
});

describe('change feed as a GraphQL subscription', () => {
  test('yoga serves it over server-sent events', async () => {
    const feed = createChangeFeed({});
    const yoga = createYoga({
      logging: false,
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Change { seq: Int! kind: String } type Subscription { changes: Change! }',
        resolvers: { Subscription: { changes: { subscribe: () => feed.subscribe(), resolve: (change: FeedChange) => change } } },
      }),
    });
    const response = await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('subscription { changes { seq kind } }')}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const body = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    const read = async (until: string) => {
      while (!text.includes(until)) {
        const chunk = await body.read();
        if (chunk.done) throw new Error(`the stream ended before ${until}: ${text}`);
        text += decoder.decode(chunk.value);
      }
    };
    // Until the subscription is there, what is published goes to no one: seq 0 until one arrives.
    const probe = setInterval(() => feed.publish({ seq: 0 }), 10);
    await read('"seq":0').finally(() => clearInterval(probe));
    for (let seq = 1; seq <= 3; seq++) feed.publish({ seq, kind: 'edit' });
    await read('"seq":3');
    const events = text.split('\n\n').filter((e) => e.startsWith('event: next') && !e.includes('"seq":0'));
    expect(events).toEqual([1, 2, 3].map((seq) => `event: next\ndata: {"data":{"changes":{"seq":${seq},"kind":"edit"}}}`));
    await body.cancel();
    await feed.close();
  });
});

describeIfRedis('change feed through Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  test('a change published on one replica reaches the subscribers of both, in order (50 changes)', async () => {
    const lines: Line[] = [];
    const a = createChangeFeed({ redisUrl: redis.url, log: (l) => lines.push(l) });
    const b = createChangeFeed({ redisUrl: redis.url, log: (l) => lines.push(l) });
    const onA = reader(a);
    const onB = reader(b);
    await warmUp(a, [onA, onB]);
    const start = performance.now();
    for (let seq = 1; seq <= 50; seq++) a.publish({ seq, kind: 'edit', entity: `e${seq}` });
    await until(() => seqs(onA.seen).length === 50 && seqs(onB.seen).length === 50, '50 changes on both replicas');
    const ms = performance.now() - start;
    process.stderr.write(`change feed: 50 changes from replica A to the subscribers of A and B through Redis in ${ms.toFixed(1)} ms\n`);
    expect(seqs(onB.seen)).toEqual(range(1, 50));
    expect(seqs(onA.seen)).toEqual(range(1, 50));
    expect(onB.seen.find((c) => c.seq === 50)).toEqual({ seq: 50, kind: 'edit', entity: 'e50' });
    await Promise.all([a.close(), b.close()]);
    await Promise.all([onA.done, onB.done]);
    expect(lines).toEqual([]);
  });

  test('Redis going down and coming back: publish keeps returning, the outage is logged, delivery resumes', async () => {
    const lines: Line[] = [];
    const log = (l: Line) => lines.push(l);
    const a = createChangeFeed({ redisUrl: redis.url, log });
    const b = createChangeFeed({ redisUrl: redis.url, log });
    const onB = reader(b);
    await warmUp(a, [onB]);
    await redis.stop();
    expect(() => a.publish({ seq: 1 })).not.toThrow();
    await until(() => lines.filter((l) => l.msg === 'redis unavailable: live changes wait for it').length >= 2, 'the outage in the log');
    redis = await startRedisServer({ port: redis.port });
    await until(() => lines.filter((l) => l.msg === 'redis available again').length >= 2, 'the end of the outage in the log');
    // B's SUBSCRIBE was sent again on reconnection: what A publishes now reaches it.
    const mark = onB.seen.length;
    await warmUp(a, [{ get seen() { return onB.seen.slice(mark); } }]);
    for (let seq = 2; seq <= 11; seq++) a.publish({ seq });
    await until(() => onB.seen.some((c) => c.seq === 11), 'the changes after the outage');
    expect(seqs(onB.seen).filter((s) => s >= 2)).toEqual(range(2, 11));
    await Promise.all([a.close(), b.close()]);
    await onB.done;
  });
});

describe('change feed whose Redis is not there', () => {
  test('publish does not throw, the failure is logged, close() resolves and ends the subscriptions', async () => {
    const lines: Line[] = [];
    const port = await freePort();
    const feed = createChangeFeed({ redisUrl: `redis://127.0.0.1:${port}`, log: (l) => lines.push(l) });
    const sub = reader(feed);
    for (let seq = 1; seq <= 3; seq++) expect(() => feed.publish({ seq })).not.toThrow();
    await until(() => lines.filter((l) => l.msg === 'redis unavailable: live changes wait for it').length === 2, 'both clients logged as down');
    expect(lines[0]).toEqual(expect.objectContaining({ redis: `127.0.0.1:${port}`, error: expect.stringMatching(/ECONNREFUSED/) }));
    await feed.close();
    await sub.done;
    expect(sub.seen).toEqual([]);
    expect(() => feed.publish({ seq: 4 })).not.toThrow();
    // Time for a late failure to surface, which jest would report.
    await new Promise((r) => setTimeout(r, 200));
    expect(lines.map((l) => l.msg)).toEqual(['redis unavailable: live changes wait for it', 'redis unavailable: live changes wait for it']);
  });
});
