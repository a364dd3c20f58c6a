import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './domain/errors';
import { READ_ACCESS, type ReadAccess } from './domain/tokens';
import { PROJECT_ROOT } from './paths';

export interface Config {
  /** PORT: where the server listens. Default 4000. */
  port: number;
  /** HOST: interface to bind. Default 127.0.0.1; 0.0.0.0 in a container. */
  host: string;
  /** DATA_DIR: folder of the embedded database file, created on first start. Default ./data. */
  dataDir: string;
  /** SEED_DIR: folder of the seed files. Default the project's seed/. */
  seedDir: string;
  /** LOAD_SEED: load seed/ at start when the store holds another version; `false` serves the store as it is. Default true. */
  loadSeed: boolean;
  /** SOURCES_DIR: folder of the full source texts; when set, loading checks every quote against them. Default unset. */
  sourcesDir?: string;
  /** MAX_BODY_BYTES: largest request body accepted. Default 102400 (100 KiB). */
  maxBodyBytes: number;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for in-flight requests. Default 10000. */
  shutdownTimeoutMs: number;
  /** GRAPHIQL: serve GraphiQL at /graphql for browsers, `true` or `false`. Default true. */
  graphiql: boolean;
  /** INTROSPECTION: answer introspection queries and suggest field names in errors. Default true. */
  introspection: boolean;
  /** CORS_ORIGINS: comma-separated origins whose pages may read the API, `*` for any. Default none (same origin only). */
  corsOrigins: string[];
  /** REQUEST_TIMEOUT_MS: each request's deadline, past which it answers TIMEOUT and its store work is stopped. Default 15000. */
  requestTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: how long a client may take to send its request headers. Default 10000. */
  headersTimeoutMs: number;
  /** READ_ACCESS: `public`, anyone may query; `token`, /graphql and /export/... answer only requests with a valid token. Default public. */
  readAccess: ReadAccess;
  /** REDIS_URL: redis:// or rediss://; committed changes then pass through Redis to the `changes` subscribers of every replica. Default unset (one process). */
  redisUrl?: string;
  /** Set when NEO4J_URI is: the store is then Neo4j instead of the embedded one. */
  neo4j?: Neo4jConfig;
}

export interface Neo4jConfig {
  /** NEO4J_URI: `neo4j://`, `neo4j+s://`, `bolt://` or `bolt+s://` (a cluster or Aura with `neo4j+s://`). */
  uri: string;
  /** NEO4J_USERNAME. Default `neo4j`. */
  username: string;
  /** NEO4J_PASSWORD. Default empty (a server without authentication). */
  password: string;
  /** NEO4J_DATABASE. Default `neo4j`. */
  database: string;
  /** NEO4J_START_TIMEOUT_MS: how long the start retries an unreachable Neo4j, with backoff. Default 60000. */
  startTimeoutMs: number;
  /** NEO4J_QUERY_TIMEOUT_MS: transaction timeout of each query. Default 10000. */
  queryTimeoutMs: number;
}

const NEO4J_SCHEMES = /^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s/]+/;

type Env = Record<string, string | undefined>;

/** Reads the environment once, at boot; every bad variable is named in one ConfigError. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}; got "${raw}".`);
      return fallback;
    }
    return n;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name} must be true or false; got "${env[name]}".`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(', ')}; got "${raw}".`);
    return fallback;
  };
  const origins = (name: string): string[] => {
    const list = (env[name] ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    for (const o of list) {
      if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) {
        problems.push(`${name} must list origins such as https://viz.example.org (scheme and host, no path), or *; got "${o}".`);
      }
    }
    return list;
  };
  // Unset or empty is no Redis; the value is echoed without its credentials.
  const redisUrl = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname) return raw;
    problems.push(`${name} must look like redis://host:6379 or rediss://host:6380 (TLS); got "${raw.replace(/\/\/[^/@]*@/, '//***@')}".`);
    return undefined;
  };
  const folder = (name: string, fallback?: string): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    return isAbsolute(raw) ? raw : resolve(raw);
  };

  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: folder('DATA_DIR', resolve('data')) as string,
    seedDir: folder('SEED_DIR', join(PROJECT_ROOT, 'seed')) as string,
    loadSeed: boolean('LOAD_SEED', true),
    sourcesDir: folder('SOURCES_DIR'),
    maxBodyBytes: integer('MAX_BODY_BYTES', 102400, 1024, 100 * 1024 * 1024),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    graphiql: boolean('GRAPHIQL', true),
    introspection: boolean('INTROSPECTION', true),
    corsOrigins: origins('CORS_ORIGINS'),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 15000, 100, 600000),
    headersTimeoutMs: integer('HEADERS_TIMEOUT_MS', 10000, 100, 600000),
    readAccess: oneOf('READ_ACCESS', READ_ACCESS, 'public'),
  };
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}).`);
  }
  const uri = env.NEO4J_URI?.trim();
  if (uri) {
    if (!NEO4J_SCHEMES.test(uri)) {
      problems.push(`NEO4J_URI must look like neo4j://host:7687, neo4j+s://host or bolt://host:7687; got "${uri}".`);
    }
    config.neo4j = {
      uri,
      username: env.NEO4J_USERNAME?.trim() || 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
      database: env.NEO4J_DATABASE?.trim() || 'neo4j',
      startTimeoutMs: integer('NEO4J_START_TIMEOUT_MS', 60000, 0, 3600000),
      queryTimeoutMs: integer('NEO4J_QUERY_TIMEOUT_MS', 10000, 100, 600000),
    };
  }
  config.redisUrl = redisUrl('REDIS_URL');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
