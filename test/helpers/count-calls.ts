import type { GraphStore } from '../../src/store/store';

/** Wraps a real store and counts the calls made to it, by method. */
export function countCalls(store: GraphStore): { store: GraphStore; calls: Record<string, number>; total: () => number; reset: () => void } {
  const calls: Record<string, number> = {};
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return {
    store: wrapped,
    calls,
    total: () => Object.values(calls).reduce((a, b) => a + b, 0),
    reset: () => Object.keys(calls).forEach((k) => delete calls[k]),
  };
}
