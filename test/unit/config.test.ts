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
    try {
      loadConfig({ PORT: '70000', GRAPHIQL: 'maybe' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT must be an integer from 0 to 65535; got "70000".');
      expect((error as Error).message).toContain('GRAPHIQL must be true or false; got "maybe".');
    }
  });
});
