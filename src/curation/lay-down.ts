import { ConflictError } from '../domain/errors';
import type { GraphStore } from '../store/store';
import { graphVersionAt } from '../changes/versions';
import { fold, type Skipped } from './fold';

/** Folding and writing again when a change committed meanwhile, at most this many times. */
const ATTEMPTS = 10;

/**
 * Makes the store's graph reflect its whole log (fold.ts) when it does not: after a seed's
 * load, an unmerge, a crash between the two, or a store whose graph tables were set up
 * again. The store writes the graph only if no change committed meanwhile, else it folds again.
 */
export async function layDown(store: GraphStore, options: { force?: boolean } = {}): Promise<{ laidDown: boolean; version: string; skipped: Skipped[] }> {
  for (let attempt = 1; ; attempt++) {
    const last = await store.lastChange();
    const version = graphVersionAt(last);
    if (!options.force && (await store.graphVersion()) === version) return { laidDown: false, version, skipped: [] };
    const { graph, skipped } = fold(await store.listChanges({ through: last, targets: false }));
    try {
      await store.replaceGraph(graph);
      return { laidDown: true, version, skipped };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
