import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/domain/errors';
import { PROJECT_ROOT } from '../../src/paths';

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', maxBodyBytes: 102400, graphiql: true, seedDir: join(PROJECT_ROOT, 'seed') });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.sourcesDir).toBeUndefined();
  });

  it('reads the environment', () => {
    expect(loadConfig({ PORT: '8080', DATA_DIR: '/tmp/graph', GRAPHIQL: 'false' })).toMatchObject({ port: 8080, dataDir: '/tmp/graph', graphiql: false });
  });

  it('names every bad variable, with what it should be', () => {
    expect(() => loadConfig({ PORT: 'http', MAX_BODY_BYTES: '-1', GRAPHIQL: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', GRAPHIQL: 'maybe' })).toThrow('PORT must be an integer from 0 to 65535; got "70000".');
    expect(() => loadConfig({ PORT: '70000', GRAPHIQL: 'maybe' })).toThrow('GRAPHIQL must be true or false; got "maybe".');
  });

  it('reads READ_ACCESS, public by default, and refuses any other value naming it', () => {
    expect(loadConfig({}).readAccess).toBe('public');
    expect(loadConfig({ READ_ACCESS: 'token' }).readAccess).toBe('token');
    expect(() => loadConfig({ READ_ACCESS: 'private' })).toThrow('READ_ACCESS must be one of public, token; got "private".');
  });

  it('reads the network settings, and refuses origins that are not origins', () => {
    expect(loadConfig({})).toMatchObject({ corsOrigins: [], introspection: true, requestTimeoutMs: 15000, headersTimeoutMs: 10000 });
    expect(loadConfig({ CORS_ORIGINS: 'https://viz.example.org, http://localhost:5173', INTROSPECTION: 'false' })).toMatchObject({
      corsOrigins: ['https://viz.example.org', 'http://localhost:5173'],
      introspection: false,
    });
    expect(() => loadConfig({ CORS_ORIGINS: 'https://viz.example.org/path' })).toThrow('CORS_ORIGINS must list origins');
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '5000' })).toThrow('HEADERS_TIMEOUT_MS (5000) must not exceed REQUEST_TIMEOUT_MS (1000).');
  });

  it('takes redis:// and rediss:// URLs for REDIS_URL; unset or empty is no Redis', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({ REDIS_URL: ' rediss://:secret@cache.example.org:6380/0 ' }).redisUrl).toBe('rediss://:secret@cache.example.org:6380/0');
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: ' ' }).redisUrl).toBeUndefined();
  });

  it('refuses any other REDIS_URL, naming it (and never echoing a password)', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL must look like redis:\/\/host:6379.*got "http:\/\/x"/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://user:hunter2@x' })).toThrow(/got "http:\/\/\*\*\*@x"/);
  });
});
