import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/paths';

const file = join(PROJECT_ROOT, 'docker-compose.yml');
const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

/** No Docker engine runs here: the file is checked by a compose parser and for what users rely on. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(file, 'utf8'));

  it('runs Neo4j 5.26 community with a health check, a named volume, Browser and Bolt', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toMatch(/^neo4j:5\.26(\.\d+)?-community$/);
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j.ports).toEqual(expect.arrayContaining(['7474:7474', '7687:7687']));
  });

  it('starts the app once Neo4j is healthy, pointed at it, serving on 4000', () => {
    const app = compose.services.app;
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(app.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(app.environment.HOST).toBe('0.0.0.0');
    expect(app.ports).toContain('4000:4000');
  });

  (hasCompose ? it : it.skip)('is valid for a compose parser (docker-compose config -q)', () => {
    execFileSync('docker-compose', ['-f', file, 'config', '-q'], { stdio: 'pipe' });
  });
  if (!hasCompose) process.stderr.write('docker-compose config check SKIPPED: docker-compose is not installed (apt-get install docker-compose).\n');
});
