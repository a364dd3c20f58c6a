import { join } from 'node:path';
import type { Config, Neo4jConfig } from '../config';
import { StoreUnavailableError } from '../domain/errors';
import { SqliteStore } from './embedded/sqlite-store';
import { Neo4jStore } from './neo4j/neo4j-store';
import type { GraphStore } from './store';

/** The store the configuration asks for: Neo4j when NEO4J_URI is set, else the embedded one. */
export async function openStore(config: Config, log: (line: Record<string, unknown>) => void = () => {}): Promise<GraphStore> {
  if (config.neo4j) return connectWithRetry(config.neo4j, log);
  return new SqliteStore(join(config.dataDir, 'graph.sqlite'));
}

/**
 * A Neo4j starting beside the server (docker compose) may not answer yet: retry with
 * backoff until NEO4J_START_TIMEOUT_MS, then give up with the URI in the message.
 */
async function connectWithRetry(neo4j: Neo4jConfig, log: (line: Record<string, unknown>) => void): Promise<GraphStore> {
  const deadline = Date.now() + neo4j.startTimeoutMs;
  for (let attempt = 1, wait = 250; ; attempt++, wait = Math.min(wait * 2, 5000)) {
    try {
      return await Neo4jStore.connect({
        uri: neo4j.uri,
        username: neo4j.username,
        password: neo4j.password,
        database: neo4j.database,
        queryTimeoutMs: neo4j.queryTimeoutMs,
      });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || Date.now() + wait > deadline) {
        throw new Error(
          `Cannot reach Neo4j at ${neo4j.uri} after ${attempt} attempt(s) in ${neo4j.startTimeoutMs} ms: ${(error as Error).message}`,
        );
      }
      log({ msg: 'neo4j not reachable yet, retrying', uri: neo4j.uri, attempt, retryInMs: wait });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
