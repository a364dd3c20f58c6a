import { SEED_ACTOR, type ChangeTarget, type Operation } from '../changes/change';
import { graphVersionAt } from '../changes/versions';
import { loadTargets, type Skipped } from '../curation/fold';
import { appendChange } from '../curation/curate';
import { layDown } from '../curation/lay-down';
import type { GraphStore } from '../store/store';
import { loadSeed, type LoadSeedOptions, type SeedDataset } from './load-seed';

/** The lock every server and the seed command take to load the seed. */
export const SEED_LOCK = 'seed';

export interface EnsureSeedOptions extends LoadSeedOptions {
  /** Lay the graph down again even when it reflects the log already (the seed command's --force). */
  force?: boolean;
  /** How long to wait for another server loading the seed; the store's default (10 min) when absent. */
  lockWaitMs?: number;
}

export interface SeedResult {
  /** True when the graph was laid down again (a dataset changed, or the graph lagged behind its log). */
  loaded: boolean;
  /** The graph's version now: the change of the log it reflects (`log@<seq>`). */
  version: string;
  /** The datasets whose new content was recorded by this call, each a LOAD change. */
  datasets: string[];
  /** Curation changes the new datasets left without their target, with why: they no longer apply. */
  skipped: Skipped[];
}

type Load = Extract<Operation, { kind: 'LOAD' }>;

/**
 * Each seed file is a dataset. A file whose content is not the one the log last recorded for
 * its dataset is recorded as a LOAD change (its whole content, and the records it changes); a
 * dataset whose file is gone is recorded as a LOAD of nothing. Then the graph is laid down
 * again from the log (src/curation/fold.ts): every dataset as last loaded, every change made
 * through the API done again on top, so edits survive every reload and a correction of a
 * seed fact keeps correcting it. A seed with any error throws before the store is touched.
 *
 * Servers starting together on one database load it once: the work runs under SEED_LOCK,
 * and whoever waited for the lock finds the datasets recorded and the graph current.
 */
export async function ensureSeed(store: GraphStore, seedDir: string, options: EnsureSeedOptions = {}): Promise<SeedResult> {
  const seed = loadSeed(seedDir, options);
  // Most starts find every dataset recorded and the graph current: no lock is taken then.
  if (!options.force) {
    const [loads, last, version] = await Promise.all([pendingLoads(store, seed.datasets), store.lastChange(), store.graphVersion()]);
    if (loads.length === 0 && version === graphVersionAt(last)) return { loaded: false, version, datasets: [], skipped: [] };
  }
  return store.withLock(
    SEED_LOCK,
    async () => {
      const loads = await pendingLoads(store, seed.datasets);
      for (const { op, targets } of loads) {
        const reason = op.version ? `seed file ${op.dataset}.yaml loaded` : `seed file ${op.dataset}.yaml removed`;
        await appendChange(store, { kind: 'LOAD', actor: SEED_ACTOR, dataset: op.dataset, reason, citations: [], op, targets });
      }
      const { laidDown, version, skipped } = await layDown(store, { force: options.force });
      return { loaded: laidDown, version, datasets: loads.map((l) => l.op.dataset), skipped };
    },
    { waitMs: options.lockWaitMs },
  );
}

/**
 * The LOADs to record: each dataset whose file's version is not the one its last LOAD
 * recorded, and a LOAD of nothing for each dataset whose file is gone; with what each changes.
 * Versions come from the dataset heads (a row per dataset); a LOAD's whole content is read
 * only for a dataset that changed, to say which records its new load changes.
 */
async function pendingLoads(store: GraphStore, datasets: SeedDataset[]): Promise<{ op: Load; targets: ChangeTarget[] }[]> {
  const heads = new Map((await store.datasetHeads()).map((h) => [h.dataset, h]));
  const previous = async (dataset: string): Promise<Load | null> => {
    const head = heads.get(dataset);
    if (!head) return null;
    const [change] = await store.listChanges({ after: head.seq - 1, through: head.seq, targets: false });
    return change?.op.kind === 'LOAD' ? change.op : null;
  };
  const out: { op: Load; targets: ChangeTarget[] }[] = [];
  const add = async (op: Load) => out.push({ op, targets: loadTargets(await previous(op.dataset), op) });
  for (const d of datasets) {
    if (heads.get(d.name)?.version !== d.version) await add({ kind: 'LOAD', dataset: d.name, version: d.version, entities: d.entities, relationships: d.relationships });
  }
  const present = new Set(datasets.map((d) => d.name));
  for (const [name, head] of heads) {
    if (!present.has(name) && head.version !== null) await add({ kind: 'LOAD', dataset: name, version: null, entities: [], relationships: [] });
  }
  return out;
}
