import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './domain/errors';
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
  /** SOURCES_DIR: folder of the full source texts; when set, loading checks every quote against them. Default unset. */
  sourcesDir?: string;
  /** MAX_BODY_BYTES: largest request body accepted. Default 102400 (100 KiB). */
  maxBodyBytes: number;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for in-flight requests. Default 10000. */
  shutdownTimeoutMs: number;
  /** GRAPHIQL: serve GraphiQL at /graphql for browsers, `true` or `false`. Default true. */
  graphiql: boolean;
}

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
    sourcesDir: folder('SOURCES_DIR'),
    maxBodyBytes: integer('MAX_BODY_BYTES', 102400, 1024, 100 * 1024 * 1024),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    graphiql: boolean('GRAPHIQL', true),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
