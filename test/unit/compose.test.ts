import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/paths';

const file = join(PROJECT_ROOT, 'docker-compose.yml');
const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

/**
 * `docker-compose config` as a user would run it, but isolated from the developer's own
 * `.env` and shell: an empty env file of our own, and only the variables given here.
 */
const envDir = mkdtempSync(join(tmpdir(), 'compose-env-'));
const envFile = join(envDir, 'empty.env');
writeFileSync(envFile, '');
afterAll(() => rmSync(envDir, { recursive: true, force: true }));

function composeConfig(vars: Record<string, string>, ...args: string[]) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? envDir, ...vars };
  return spawnSync('docker-compose', ['-f', file, '--env-file', envFile, ...args, 'config'], { env, encoding: 'utf8' });
}

/** The port mappings of a rendered service, whatever syntax the compose version prints them in. */
function portMappings(service: { ports?: unknown[] }): { hostIp: string; published: string; target: string }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'string') {
      const parts = p.replace(/\/tcp$/, '').split(':');
      const target = parts.pop() ?? '';
      const published = parts.pop() ?? '';
      return { hostIp: parts.pop() ?? '', published, target };
    }
    const long = p as { host_ip?: string; published?: string | number; target: string | number };
    return { hostIp: long.host_ip ?? '', published: String(long.published), target: String(long.target) };
  });
}

/** No Docker engine runs here: the file is checked by a compose parser and for what users rely on. */
describe('docker-compose.yml', () => {
  const text = readFileSync(file, 'utf8');
  const compose = parse(text, { merge: true }); // `<<: *anchor` merge keys, as compose reads them

  it('runs Neo4j 5.26 community with a health check, a named volume, Browser and Bolt', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toMatch(/^neo4j:5\.26(\.\d+)?-community$/);
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j.ports.map((p: string) => p.split(':').slice(-2).join(':'))).toEqual(['7474:7474', '7687:7687']);
  });

  it('starts the app once Neo4j is healthy, pointed at it, serving on 4000', () => {
    const app = compose.services.app;
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(app.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(app.environment.HOST).toBe('0.0.0.0');
    expect(app.ports.map((p: string) => p.split(':').slice(-2).join(':'))).toEqual(['4000:4000']);
  });

  it('commits no password: NEO4J_PASSWORD has no default', () => {
    expect(text).not.toMatch(/NEO4J_PASSWORD:-/);
    expect(text).not.toContain('brussels-graph'); // the password this file used to default to
    for (const match of text.matchAll(/\$\{NEO4J_PASSWORD([^}]*)\}/g)) expect(match[1]).toMatch(/^:\?/);
  });

  // Under CI the compose parser must be there (.ci/run installs it): a skip would hide a broken file.
  const withCompose = hasCompose || process.env.CI ? describe : describe.skip;
  withCompose('as docker-compose config renders it', () => {
    const password = 'a-password-from-the-environment';

    it('is valid for a compose parser (docker-compose config -q)', () => {
      execFileSync('docker-compose', ['-f', file, '--env-file', envFile, 'config', '-q'], {
        stdio: 'pipe',
        env: { PATH: process.env.PATH ?? '', NEO4J_PASSWORD: password },
      });
    });

    it('refuses without NEO4J_PASSWORD, saying how to set it', () => {
      for (const vars of [{}, { NEO4J_PASSWORD: '' }] as Record<string, string>[]) {
        const result = composeConfig(vars);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('set NEO4J_PASSWORD');
        expect(result.stderr).toContain('in a .env file beside docker-compose.yml (NEO4J_PASSWORD=...)');
        expect(result.stderr).toContain('or in the shell (export NEO4J_PASSWORD=...)');
      }
    });

    it('hands the password from the environment to Neo4j and to the app', () => {
      const result = composeConfig({ NEO4J_PASSWORD: password });
      expect(result.stderr).toBe('');
      const rendered = parse(result.stdout);
      expect(rendered.services.neo4j.environment.NEO4J_AUTH).toBe(`neo4j/${password}`);
      expect(rendered.services.app.environment).toMatchObject({ NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password });
    });

    it('publishes every port on 127.0.0.1 by default, on another address when asked', () => {
      const rendered = parse(composeConfig({ NEO4J_PASSWORD: password }).stdout);
      expect(portMappings(rendered.services.neo4j)).toEqual([
        { hostIp: '127.0.0.1', published: '7474', target: '7474' },
        { hostIp: '127.0.0.1', published: '7687', target: '7687' },
      ]);
      expect(portMappings(rendered.services.app)).toEqual([{ hostIp: '127.0.0.1', published: '4000', target: '4000' }]);

      const open = parse(composeConfig({ NEO4J_PASSWORD: password, APP_BIND_ADDRESS: '0.0.0.0' }).stdout);
      expect(portMappings(open.services.app)).toEqual([{ hostIp: '0.0.0.0', published: '4000', target: '4000' }]);
      expect(portMappings(open.services.neo4j).map((p) => p.hostIp)).toEqual(['127.0.0.1', '127.0.0.1']);
    });

    it('has a one-off seed job, outside `up`, running the seed command on the app image against the same Neo4j', () => {
      const rendered = parse(composeConfig({ NEO4J_PASSWORD: password }, '--profile', 'seed').stdout);
      const { app, seed } = rendered.services;
      expect(seed).toBeDefined();
      expect(seed.profiles).toEqual(['seed']);
      expect(seed.command).toEqual(['node', 'dist/seed/seed-command.js']);
      expect(app.build ?? app.image).toBeDefined();
      expect(seed.image).toBe(app.image);
      expect(seed.build).toEqual(app.build);
      expect(seed.depends_on.neo4j.condition).toBe('service_healthy');
      expect(seed.restart ?? 'no').toBe('no');
      expect(seed.ports ?? []).toEqual([]);
      for (const name of ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
        expect(seed.environment[name]).toBe(app.environment[name]);
      }
      // `docker compose up` starts what has no profile: Neo4j and the app, not the seed job.
      const plain = parse(composeConfig({ NEO4J_PASSWORD: password }).stdout);
      const started = Object.entries(plain.services as Record<string, { profiles?: string[] }>)
        .filter(([, s]) => !s.profiles?.length)
        .map(([name]) => name);
      expect(started.sort()).toEqual(['app', 'neo4j']);
    });
  });
  if (!hasCompose) process.stderr.write('docker-compose config checks SKIPPED: docker-compose is not installed (apt-get install docker-compose).\n');
});

/** The instructions of the Dockerfile's last stage (the image that runs), continuation lines joined. */
function finalStage(dockerfile: string): { instruction: string; args: string }[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [, instruction = '', args = ''] = /^(\S+)\s*(.*)$/.exec(l) ?? [];
      return { instruction: instruction.toUpperCase(), args };
    });
  const from = lines.map((l) => l.instruction).lastIndexOf('FROM');
  return lines.slice(from);
}

describe('Dockerfile', () => {
  const stage = finalStage(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));

  it('runs the server as a user that is not root', () => {
    const users = stage.filter((l) => l.instruction === 'USER').map((l) => l.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)$/);
    expect(users[users.length - 1]).toBe('node');
    // USER comes before the command it runs.
    const lastUser = stage.map((l) => l.instruction).lastIndexOf('USER');
    expect(stage.map((l) => l.instruction).lastIndexOf('CMD')).toBeGreaterThan(lastUser);
  });

  it('copies every folder the server reads beside its code (join(PROJECT_ROOT, ...) in src/)', () => {
    const sources = readdirSync(join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(PROJECT_ROOT, 'src', f), 'utf8'));
    const read = new Set(sources.flatMap((text) => [...text.matchAll(/join\(PROJECT_ROOT, '([^'/]+)/g)].map((m) => m[1]!)));
    expect([...read]).toEqual(expect.arrayContaining(['schema', 'cypher', 'seed']));
    const copied = stage
      .filter((l) => l.instruction === 'COPY')
      .map((l) => l.args.split(/\s+/).filter((a) => !a.startsWith('--')).pop()!.replace(/^\.\//, '').replace(/\/$/, ''));
    for (const folder of read) expect(copied).toContain(folder);
  });

  it('gives that user DATA_DIR, the only folder the server writes to', () => {
    const env = stage.filter((l) => l.instruction === 'ENV').map((l) => l.args).join(' ');
    const dataDir = /\bDATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    const runs = stage.filter((l) => l.instruction === 'RUN').map((l) => l.args).join(' && ');
    expect(runs).toContain(`chown node:node ${dataDir}`);
  });
});
