import type { Curator } from '../curation/curate';
import type { Snapshots } from '../curation/snapshots';
import type { Caller } from '../domain/tokens';
import type { ChangeFeed } from '../feed/change-feed';
import type { CallOptions, GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** What curation needs beside the store: where committed changes go, the graphs as they were, and the source texts. */
export interface CurationServices {
  /** Committed changes are published here for the `changes` subscription. */
  feed?: ChangeFeed;
  /** The graphs `asOf` reads (src/curation/snapshots.ts). */
  snapshots?: Snapshots;
  /** SOURCES_DIR: the full texts of seed documents, against which quotes citing them are checked. */
  sourcesDir?: string;
  /** Commits the mutations of this server, several at once when they come together, with the texts of documents it keeps (src/curation/curate.ts). */
  curator?: Curator;
}

/** What every resolver gets: the store, this request's own loaders, and its deadline, and its caller. */
export interface Context {
  /** The graph the fields read: the store, or under `asOf` the graph as it was then. */
  store: GraphStore;
  /** The store itself, which holds the change log, whatever graph `store` is. */
  log: GraphStore;
  /** Under `asOf`: the last change of the graph read; history stops there. */
  asOfChange?: number;
  loaders: Loaders;
  /** Passed to every store call: past its deadline, or once the client has gone, the store stops. */
  call: CallOptions;
  /** Who sent the request: its token's name and role, `null` without a token (src/http/authentication.ts). */
  caller: Caller | null;
  curation: CurationServices;
  /** The context each object of an `asOf` answer was read in, for its fields to read the same graph (as-of.ts); one per request. */
  asOfTags: WeakMap<object, Context>;
}

/**
 * `timeoutMs`: the request's deadline (REQUEST_TIMEOUT_MS), after which its store calls are
 * stopped; `gone`: the request's own signal, which aborts when the client goes away before
 * its answer. The deadline is a time, not a timer: a timer and a combined signal per request
 * cost a tenth of a small query's CPU, and the stores check the time at each step.
 */
export function createContext(store: GraphStore, timeoutMs?: number, gone?: AbortSignal, caller: Caller | null = null, curation: CurationServices = {}): Context {
  const call: CallOptions = { signal: gone, deadline: timeoutMs ? Date.now() + timeoutMs : undefined };
  return { store, log: store, loaders: new Loaders(store, call), call, caller, curation, asOfTags: new WeakMap() };
}

/** The context of the fields that read the graph as it was at change `seq`, held by `store`. */
export function contextAsOf(ctx: Context, store: GraphStore, seq: number): Context {
  return { ...ctx, store, asOfChange: seq, loaders: new Loaders(store, ctx.call) };
}
