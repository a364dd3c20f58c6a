import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { GraphQLError } from 'graphql';
import { createPubSub, FixedBuffer, Repeater, type PubSubEvent, type PubSubEventTarget } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { ConfigError } from '../domain/errors';

/**
 * The live feed of committed changes, behind the `changes` subscription.
 *
 * `publish` sends a change on the topic `changes` of a yoga pub/sub (createPubSub). Without
 * REDIS_URL its event target is an EventTarget in this process: each process serves its own
 * subscribers. With REDIS_URL it is yoga's Redis event target: every change goes through the
 * Redis channel `changes` (PUBLISH on one client, SUBSCRIBE on another, as Redis requires), so
 * a change committed on one replica reaches the subscribers of all, in the one order Redis
 * gives the channel.
 *
 * Each subscriber has its own queue of up to SUBSCRIBER_BACKLOG changes: one that reads no
 * faster ends with SUBSCRIBER_TOO_SLOW instead of growing the server's memory (and yoga's
 * repeaters would throw past 1024 pending changes, crashing the process). Changes are
 * JSON both ways, so a subscriber gets the same values with or without Redis.
 *
 * Redis failures never reach the caller: `publish` returns at once, the clients reconnect on
 * their own (SUBSCRIBE is sent again on reconnection), and an outage is logged once, with its
 * end. Delivery is at most once: a change published while Redis is down goes out when it is
 * back (within ioredis's retries, about 10 s; past them it is logged as lost), but reaches
 * only the replicas whose SUBSCRIBE went through again by then. A subscriber sees such a gap
 * in `seq`.
 */

/** A committed change, as plain JSON; `seq` is its place in the append-only log. */
export type FeedChange = { seq: number } & Record<string, unknown>;

export interface ChangeFeed {
  /** Sends the change to every subscriber; never throws (a failure is logged). */
  publish(change: FeedChange): void;
  /** The changes published from now on, in order, until the client leaves or `close`. */
  subscribe(): AsyncIterable<FeedChange>;
  /** Ends every subscription and quits the Redis clients. */
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** `redis://` or `rediss://` (redisUrlFromEnv); without it the feed stays in this process. */
  redisUrl?: string;
  log?: (line: Record<string, unknown>) => void;
}

export const CHANGES_TOPIC = 'changes';
/** Changes queued for one subscriber before it is ended as too slow. */
export const SUBSCRIBER_BACKLOG = 1000;

type Topics = { [CHANGES_TOPIC]: [FeedChange] };

const isChange = (value: unknown): value is FeedChange =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { seq?: unknown }).seq === 'number';

/** REDIS_URL, checked: unset or empty is no Redis; anything but redis:// or rediss:// with a host is a ConfigError. */
export function redisUrlFromEnv(env: Record<string, string | undefined>): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    // The value is echoed without its credentials.
    throw new ConfigError(`REDIS_URL must look like redis://host:6379 or rediss://host:6380 (TLS); got "${raw.replace(/\/\/[^/@]*@/, '//***@')}".`);
  }
  return raw;
}

/** host:port of a Redis URL, for the logs (never its password). */
const redisAddress = (redisUrl: string): string => {
  const url = new URL(redisUrl);
  return `${url.hostname}:${url.port || '6379'}`;
};

export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const log = options.log ?? (() => undefined);
  const time = () => new Date().toISOString();
  const clients: Redis[] = [];
  let closing = false;
  // Once the feed closes, an UNSUBSCRIBE of a subscription ending after its client quit fails as expected: not logged.
  const failed = (address: string) => (command: string, error: unknown) => {
    if (!(closing && command === 'unsubscribe')) log({ time: time(), msg: `redis ${command} failed`, redis: address, error: String(error) });
  };
  let target: PubSubEventTarget<Topics>;
  if (options.redisUrl) {
    const address = redisAddress(options.redisUrl);
    // Each client connects on its first command. The subscriber's SUBSCRIBE waits for the
    // connection however long it takes; a PUBLISH waits through ioredis's default retries
    // (about 10 s), then is logged as lost. A closing connection gets 500 ms to end cleanly
    // (ioredis's 2 s timer would outlive close() when the connection was already down).
    const settings = { lazyConnect: true, disconnectTimeout: 500 };
    const publisher = watched(new Redis(options.redisUrl, settings), 'publish', address, log);
    const subscriber = watched(new Redis(options.redisUrl, { ...settings, maxRetriesPerRequest: null }), 'subscribe', address, log);
    clients.push(publisher, subscriber);
    target = createRedisEventTarget<PubSubEvent<Topics, typeof CHANGES_TOPIC>>({
      publishClient: guarded(publisher, failed(address)),
      subscribeClient: guarded(subscriber, failed(address)),
      serializer: {
        stringify: (message) => JSON.stringify(message),
        // A message that is not JSON (another program on the channel) becomes undefined, skipped below.
        parse: (message) => {
          try {
            return JSON.parse(message) as unknown;
          } catch {
            return undefined;
          }
        },
      },
    });
  } else {
    target = new EventTarget() as PubSubEventTarget<Topics>;
  }
  const pubsub = createPubSub<Topics>({ eventTarget: target });
  const live = new Set<() => void>();

  return {
    publish(change) {
      try {
        // Through JSON here too, so that the in-process feed hands out what Redis would.
        pubsub.publish(CHANGES_TOPIC, options.redisUrl ? change : (JSON.parse(JSON.stringify(change)) as FeedChange));
      } catch (error) {
        log({ time: time(), msg: 'change not published', seq: change?.seq, error: String(error) });
      }
    },

    subscribe() {
      // One queue per subscriber, filled by a listener of its own on the event target: the
      // listener never blocks nor throws, whatever the subscriber does.
      const backlog = new FixedBuffer(SUBSCRIBER_BACKLOG);
      return new Repeater<FeedChange>((push, stop) => {
        const listener = (event: CustomEvent<FeedChange>) => {
          const change: unknown = event.detail;
          if (!isChange(change)) {
            log({ time: time(), msg: 'feed message skipped: not a change' });
          } else if (backlog.full) {
            stop(new GraphQLError(`This subscriber read too slowly: ${SUBSCRIBER_BACKLOG} changes were waiting for it. Subscribe again.`, {
              extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
            }));
          } else {
            push(change).catch(() => undefined);
          }
        };
        const end = () => stop();
        live.add(end);
        target.addEventListener(CHANGES_TOPIC, listener);
        void stop.then(() => {
          live.delete(end);
          target.removeEventListener(CHANGES_TOPIC, listener);
        });
      }, backlog);
    },

    async close() {
      closing = true;
      for (const end of [...live]) end();
      // Each ended subscription removes its listener (and sends its UNSUBSCRIBE) on the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(
        clients.map(async (client) => {
          // QUIT waits for the replies still due; a client that is not connected is just dropped.
          if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
          else client.disconnect();
        }),
      );
    },
  };
}

/** Logs a client's outage once, when it starts (its first error), and once when it ends. */
function watched(client: Redis, role: string, address: string, log: (line: Record<string, unknown>) => void): Redis {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log({ time: new Date().toISOString(), msg: 'redis unavailable: live changes wait for it', client: role, redis: address, error: error.message });
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log({ time: new Date().toISOString(), msg: 'redis available again', client: role, redis: address });
  });
  return client;
}

/**
 * The client as the Redis event target uses it, whose PUBLISH, SUBSCRIBE and UNSUBSCRIBE
 * (sent without awaiting their replies) report a failure to `failed` instead of leaving a
 * rejected promise unhandled, which would end the process.
 */
function guarded(client: Redis, failed: (command: string, error: unknown) => void): Redis {
  const commands = new Set<PropertyKey>(['publish', 'subscribe', 'unsubscribe']);
  return new Proxy(client, {
    get(redis, property) {
      const value: unknown = Reflect.get(redis, property, redis);
      if (typeof value !== 'function') return value;
      if (!commands.has(property)) return value.bind(redis);
      return (...args: unknown[]) =>
        (value.apply(redis, args) as Promise<unknown>).catch((error: unknown) => {
          failed(String(property), error);
        });
    },
  });
}
