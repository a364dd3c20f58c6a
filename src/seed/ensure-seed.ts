import type { GraphStore } from '../store/store';
import { loadSeed, type LoadSeedOptions } from './load-seed';

/** The lock every server and the seed command take to load the seed. */
export const SEED_LOCK = 'seed';

export interface EnsureSeedOptions extends LoadSeedOptions {
  /** Load even when the store holds this version already (the seed command's --force). */
  force?: boolean;
  /** How long to wait for another server loading the seed; the store's default (10 min) when absent. */
  lockWaitMs?: number;
}

/**
 * Loads the seed into the store when the store holds another version of it (or
 * nothing): on first start and after an edit of seed/. A seed with any error
 * throws before the store is touched.
 *
 * Servers starting together on one database load it once: the load runs under the
 * store's SEED_LOCK, and whoever waited for the lock reads the version again before
 * loading, finding the one the holder loaded. A failed load leaves the previous
 * graph (replaceGraph is one transaction) and releases the lock.
 */
export async function ensureSeed(
  store: GraphStore,
  seedDir: string,
  options: EnsureSeedOptions = {},
): Promise<{ loaded: boolean; version: string }> {
  const graph = loadSeed(seedDir, options);
  const { version } = graph;
  const current = async () => !options.force && (await store.graphVersion()) === version;
  if (await current()) return { loaded: false, version };
  return store.withLock(
    SEED_LOCK,
    async () => {
      if (await current()) return { loaded: false, version };
      await store.replaceGraph(graph);
      return { loaded: true, version };
    },
    { waitMs: options.lockWaitMs },
  );
}
