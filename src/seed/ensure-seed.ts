import type { GraphStore } from '../store/store';
import { loadSeed, type LoadSeedOptions } from './load-seed';

/**
 * Loads the seed into the store when the store holds another version of it (or
 * nothing): on first start and after an edit of seed/. A seed with any error
 * throws before the store is touched.
 */
export async function ensureSeed(
  store: GraphStore,
  seedDir: string,
  options: LoadSeedOptions = {},
): Promise<{ loaded: boolean; version: string }> {
  const graph = loadSeed(seedDir, options);
  if ((await store.graphVersion()) === graph.version) return { loaded: false, version: graph.version };
  await store.replaceGraph(graph);
  return { loaded: true, version: graph.version };
}
