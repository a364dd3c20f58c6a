import type { GraphStore } from '../store/store';
import { fold } from './fold';

/** Graphs as they were kept at once, the least recently used dropped first. */
const KEPT = 4;

/**
 * The graph as it stood at an instant (transaction time), for `asOf`: the fold (fold.ts) of
 * the log up to the last change committed then, held by an in-memory embedded store that
 * answers every read as the store itself would. The log never changes below its end, so a
 * graph is built once per change and kept (up to KEPT of them); an instant at or after the
 * last change is the store itself. The same on every store: the log is the same. `memory`
 * makes the in-memory store a graph is held in (main.ts gives the embedded one).
 */
export class Snapshots {
  private readonly kept = new Map<number, Promise<GraphStore>>();

  constructor(private readonly store: GraphStore, private readonly memory: () => GraphStore) {}

  /** The graph at `instant` (ISO 8601, UTC), and the last change it reflects (0: none, an empty graph). */
  async at(instant: string): Promise<{ store: GraphStore; seq: number }> {
    const seq = await this.store.changeAt(instant);
    if (seq === (await this.store.lastChange())) return { store: this.store, seq };
    let graph = this.kept.get(seq);
    if (graph) {
      this.kept.delete(seq);
    } else {
      graph = this.build(seq);
      graph.catch(() => this.kept.delete(seq));
    }
    this.kept.set(seq, graph);
    while (this.kept.size > KEPT) {
      const [oldest, dropped] = this.kept.entries().next().value as [number, Promise<GraphStore>];
      this.kept.delete(oldest);
      // A read still running on it finishes first: the in-memory store closes when nothing holds it.
      setTimeout(() => void dropped.then((s) => s.close()).catch(() => undefined), 60_000).unref();
    }
    return { store: await graph, seq };
  }

  private async build(seq: number): Promise<GraphStore> {
    const changes = seq === 0 ? [] : await this.store.listChanges({ through: seq, targets: false });
    const { graph } = fold(changes);
    const snapshot = this.memory();
    await snapshot.replaceGraph({ entities: graph.entities, relationships: graph.relationships, version: graph.version });
    return snapshot;
  }
}
