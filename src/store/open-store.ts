import { join } from 'node:path';
import type { Config, Neo4jConfig } from '../config';
import { StartupError, StoreUnavailableError } from '../domain/errors';
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
 * backoff until NEO4J_START_TIMEOUT_MS, then give up with a StartupError naming the URI.
 * A Neo4j that answers but refuses the credentials or the database is not retried: waiting
 * cannot fix either, so the start fails at once with a StartupError naming the variables.
 */
async function connectWithRetry(neo4j: Neo4jConfig, log: (line: Record<string, unknown>) => void): Promise<GraphStore> {
  const deadline = Date.now() + neo4j.startTimeoutMs;
  const uri = withoutUserInfo(neo4j.uri);
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
      const refused = refusal(error, uri, neo4j);
      if (refused) throw refused;
      if (!(error instanceof StoreUnavailableError)) throw error;
      if (Date.now() + wait > deadline) {
        throw new StartupError(
          `Cannot reach Neo4j at ${uri} (NEO4J_URI) after ${attempt} attempt(s) in ${neo4j.startTimeoutMs} ms (NEO4J_START_TIMEOUT_MS): ${reason(error)}.`,
          'Check that Neo4j is running and reachable at NEO4J_URI, or raise NEO4J_START_TIMEOUT_MS if it needs longer to start.',
        );
      }
      log({ msg: 'neo4j not reachable yet, retrying', uri, attempt, retryInMs: wait });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Neo4j answered and said no: a StartupError saying what to change, or undefined for any other failure. */
function refusal(error: unknown, uri: string, neo4j: Neo4jConfig): StartupError | undefined {
  const user = `user "${neo4j.username}"`;
  const credentials = 'Check NEO4J_USERNAME and NEO4J_PASSWORD: they must name a user of that Neo4j and its password.';
  switch (neo4jCode(error)) {
    case 'Neo.ClientError.Security.Unauthorized':
      return new StartupError(`Neo4j at ${uri} refused ${user}: wrong user name or password.`, credentials);
    case 'Neo.ClientError.Security.AuthenticationRateLimit':
      return new StartupError(`Neo4j at ${uri} refused ${user} after too many failed logins (it locks the user for a few seconds).`, credentials);
    case 'Neo.ClientError.Security.CredentialsExpired':
      return new StartupError(
        `Neo4j at ${uri} requires ${user} to change its password before any query.`,
        'Change it (ALTER CURRENT USER SET PASSWORD FROM \'<old>\' TO \'<new>\', in cypher-shell or Neo4j Browser) and set NEO4J_PASSWORD to the new one.',
      );
    case 'Neo.ClientError.Database.DatabaseNotFound':
      return new StartupError(
        `Neo4j at ${uri} has no database "${neo4j.database}".`,
        'Check NEO4J_DATABASE (unset, it is "neo4j", the default database of Neo4j Community).',
      );
    default:
      return undefined;
  }
}

/** The Neo4j status code of a driver error, looked for through wrapping errors' causes. */
function neo4jCode(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Neo.')) return code;
  return neo4jCode((error as { cause?: unknown }).cause, depth + 1);
}

/** The driver's reason, on one line, without the URI the message already names. */
function reason(error: StoreUnavailableError): string {
  const cause = (error as { cause?: unknown }).cause;
  const text = cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : error.message;
  return text.replace(/\s+/g, ' ').replace(/[\s.]+$/, '').trim();
}

/** The URI without any user-info (`bolt://user:password@host`), for messages. */
function withoutUserInfo(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

/** An embedded store held in memory only: the graphs `asOf` reads (src/curation/snapshots.ts) are kept in one each. */
export function openMemoryStore(): GraphStore {
  return new SqliteStore(':memory:');
}
