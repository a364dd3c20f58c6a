import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEvent, PubSubEventTarget } from 'graphql-yoga';
import { Redis } from 'ioredis';

type Log = (line: Record<string, unknown>) => void;

/** An event target whose events go through Redis, and how to let go of its clients. */
export interface RedisTarget<Topics extends Record<string, [unknown]>> {
  target: PubSubEventTarget<Topics>;
  /** Quits both clients: QUIT waits for the replies still due; a client not connected is just dropped. */
  quit(): Promise<void>;
}

/** host:port of a Redis URL, for the logs (never its password). */
const redisAddress = (redisUrl: string): string => {
  const url = new URL(redisUrl);
  return `${url.hostname}:${url.port || '6379'}`;
};

/**
 * yoga's Redis event target over two clients (PUBLISH on one, SUBSCRIBE on the other, as Redis
 * requires). Messages are JSON; one that is not (another program on the channel) arrives as
 * undefined, for the feed to skip. `closing` tells when failures are the feed's own doing.
 */
export function redisEventTarget<Topics extends Record<string, [unknown]>>(redisUrl: string, log: Log, closing: () => boolean): RedisTarget<Topics> {
  const address = redisAddress(redisUrl);
  // Once the feed closes, an UNSUBSCRIBE of a subscription ending after its client quit fails as expected: not logged.
  const failed = (command: string, error: unknown) => {
    if (!(closing() && command === 'unsubscribe')) log({ time: new Date().toISOString(), msg: `redis ${command} failed`, redis: address, error: String(error) });
  };
  // Each client connects on its first command. The subscriber's SUBSCRIBE waits for the
  // connection however long it takes; a PUBLISH waits through ioredis's default retries
  // (about 10 s), then is logged as lost. A closing connection gets 500 ms to end cleanly
  // (ioredis's 2 s timer would outlive close() when the connection was already down).
  const settings = { lazyConnect: true, disconnectTimeout: 500 };
  const publisher = watched(new Redis(redisUrl, settings), 'publish', address, log);
  const subscriber = watched(new Redis(redisUrl, { ...settings, maxRetriesPerRequest: null }), 'subscribe', address, log);
  const target = createRedisEventTarget<PubSubEvent<Topics, Extract<keyof Topics, string>>>({
    publishClient: guarded(publisher, failed),
    subscribeClient: guarded(subscriber, failed),
    serializer: {
      stringify: (message) => JSON.stringify(message),
      parse: (message) => {
        try {
          return JSON.parse(message) as unknown;
        } catch {
          return undefined;
        }
      },
    },
  }) as PubSubEventTarget<Topics>;
  const quit = async () => {
    await Promise.all(
      [publisher, subscriber].map(async (client) => {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }),
    );
  };
  return { target, quit };
}

/** Logs a client's outage once, when it starts (its first error), and once when it ends. */
function watched(client: Redis, role: string, address: string, log: Log): Redis {
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
