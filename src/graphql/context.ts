import type { CallOptions, GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** What every resolver gets: the store, this request's own loaders, and its deadline. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
  /** Passed to every store call: it aborts when the request's deadline passes. */
  call: CallOptions;
}

/**
 * `timeoutMs`: the request's deadline (REQUEST_TIMEOUT_MS), after which its store calls are
 * stopped; `gone`: aborts when the client goes away before its answer, which stops them too.
 */
export function createContext(store: GraphStore, timeoutMs?: number, gone?: AbortSignal): Context {
  const signals = [...(timeoutMs ? [AbortSignal.timeout(timeoutMs)] : []), ...(gone ? [gone] : [])];
  const call: CallOptions = signals.length ? { signal: AbortSignal.any(signals), ...(timeoutMs ? { deadline: Date.now() + timeoutMs } : {}) } : {};
  return { store, loaders: new Loaders(store, call), call };
}
