import type { GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** What every resolver gets: the store, and this request's own loaders. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
}

export function createContext(store: GraphStore): Context {
  return { store, loaders: new Loaders(store) };
}
