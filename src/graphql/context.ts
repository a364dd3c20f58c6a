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
  const call: CallOptions = signals.length ? { signal: anySignal(signals), ...(timeoutMs ? { deadline: Date.now() + timeoutMs } : {}) } : {};
  return { store, loaders: new Loaders(store, call), call };
}

/**
 * A signal that aborts when any of `signals` does. Not AbortSignal.any: from Node 22 on it
 * accepts only Node's own signals, and a request's signal comes from the server adapter.
 */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}
