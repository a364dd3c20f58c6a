import type { Caller } from '../domain/tokens';
import type { CallOptions, GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** What every resolver gets: the store, this request's own loaders, and its deadline, and its caller. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
  /** Passed to every store call: past its deadline, or once the client has gone, the store stops. */
  call: CallOptions;
  /** Who sent the request: its token's name and role, `null` without a token (src/http/authentication.ts). */
  caller: Caller | null;
}

/**
 * `timeoutMs`: the request's deadline (REQUEST_TIMEOUT_MS), after which its store calls are
 * stopped; `gone`: the request's own signal, which aborts when the client goes away before
 * its answer. The deadline is a time, not a timer: a timer and a combined signal per request
 * cost a tenth of a small query's CPU, and the stores check the time at each step.
 */
export function createContext(store: GraphStore, timeoutMs?: number, gone?: AbortSignal, caller: Caller | null = null): Context {
  const call: CallOptions = { signal: gone, deadline: timeoutMs ? Date.now() + timeoutMs : undefined };
  return { store, loaders: new Loaders(store, call), call, caller };
}
