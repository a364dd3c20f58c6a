import { GraphQLError } from 'graphql';
import { createPubSub, FixedBuffer, Repeater, type PubSubEventTarget } from 'graphql-yoga';
import { redisEventTarget } from './redis-target';

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
  /** `redis://` or `rediss://` (checked by loadConfig); without it the feed stays in this process. */
  redisUrl?: string;
  log?: (line: Record<string, unknown>) => void;
}

export const CHANGES_TOPIC = 'changes';
/** Changes queued for one subscriber before it is ended as too slow. */
export const SUBSCRIBER_BACKLOG = 1000;

type Topics = { [CHANGES_TOPIC]: [FeedChange] };

const isChange = (value: unknown): value is FeedChange =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { seq?: unknown }).seq === 'number';

export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const log = options.log ?? (() => undefined);
  const time = () => new Date().toISOString();
  // Set once close() begins, so that the Redis target stops logging the failures closing causes.
  let closing = false;
  const redis = options.redisUrl ? redisEventTarget<Topics>(options.redisUrl, log, () => closing) : undefined;
  const target = redis?.target ?? (new EventTarget() as PubSubEventTarget<Topics>);
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
      await redis?.quit();
    },
  };
}
