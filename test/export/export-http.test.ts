import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { readCsv, xmllint } from './export-checks';

type ErrorBody = { errors: { message: string; extensions: { code: string; parameter?: string; suggestions?: string[] } }[] };

/** The exports over HTTP [store: embedded]: each format's answer, and the errors a client gets. */
describe('GET /export/... [store: embedded]', () => {
  const store = new SqliteStore(':memory:');
  let app: App;
  beforeAll(async () => {
    await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
    app = createApp(store, { graphiql: false });
  });
  afterAll(async () => store.close());
  const get = (path: string) => app.fetch(`http://test${path}`);

  it.each([
    ['/export/graph.gexf', 'application/gexf+xml; charset=utf-8', 'graph.gexf'],
    ['/export/graph.graphml', 'application/graphml+xml; charset=utf-8', 'graph.graphml'],
    ['/export/graph.cyjs', 'application/json; charset=utf-8', 'graph.cyjs'],
    ['/export/graph.json', 'application/json; charset=utf-8', 'graph.json'],
    ['/export/graph.jsonld', 'application/ld+json; charset=utf-8', 'graph.jsonld'],
    ['/export/nodes.csv', 'text/csv; charset=utf-8; header=present', 'graph.nodes.csv'],
    ['/export/edges.csv', 'text/csv; charset=utf-8; header=present', 'graph.edges.csv'],
  ])('%s answers 200 %s as an attachment', async (path, type, file) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it('names the file after the view and answers the view the parameters ask for', async () => {
    const res = await get('/export/nodes.csv?dependencies=FIDUS&direction=downstream&maxDepth=2');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="dependencies-fidus-downstream.nodes.csv"');
    const rows = readCsv(await res.text());
    expect(rows[1]!.slice(0, 2)).toEqual(['fidus', 'Fidus']);
    const distance = rows[0]!.indexOf('distance');
    expect(rows.slice(1).every((r) => Number(r[distance]) <= 2)).toBe(true);
    const paths = await get('/export/graph.graphml?from=gartner&to=bernard-clerfayt');
    expect(paths.headers.get('content-disposition')).toBe('attachment; filename="paths-gartner-bernard-clerfayt.graphml"');
  });

  it.each([
    ['/export/graph.gexf?around=cirb&depth=9', 'depth', /"depth" must be an integer from 1 to 3; got "9"/],
    ['/export/graph.gexf?around=cirb&dept=2', 'dept', /"dept" is not an export parameter/],
    ['/export/graph.gexf?around=cirb&relationshipTypes=OPERATES,RUNS', 'relationshipTypes', /"RUNS", which is no relationship type/],
    ['/export/graph.gexf?around=cirb&modalities=maybe', 'modalities', /"maybe", which is no modality/],
    ['/export/graph.gexf?validAt=2020-99', 'validAt', /"validAt" must be a partial date/],
    ['/export/graph.gexf?dependencies=fidus', 'direction', /"direction" is missing/],
    ['/export/graph.gexf?dependencies=fidus&direction=SIDEWAYS', 'direction', /DOWNSTREAM or UPSTREAM; got "SIDEWAYS"/],
    ['/export/graph.gexf?around=cirb&dependencies=fidus', 'dependencies', /cannot be given with parameter "around"/],
    ['/export/graph.gexf?to=cirb', 'from', /"from" is missing/],
    ['/export/graph.gexf?depth=2', 'depth', /needs a view/],
    ['/export/graph.gexf?limit=0', 'limit', /from 1 to/],
    ['/export/graph.gexf?around=', 'around', /is empty/],
    ['/export/graph.gexf?around=cirb&around=fidus', 'around', /more than once/],
    ['/export/graph.gexf?language=de', 'language', /fr or en/],
    [`/export/graph.gexf?around=${'x'.repeat(201)}`, 'around', /at most 200 characters/],
  ])('%s is a 400 BAD_USER_INPUT naming %s', async (path, parameter, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as ErrorBody;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', parameter });
    expect(body.errors[0]!.message).toMatch(message);
  });

  it('answers an unknown id with 404 NOT_FOUND naming the parameter and the closest ids', async () => {
    for (const [path, parameter] of [
      ['/export/graph.json?around=fidsu', 'around'],
      ['/export/edges.csv?dependencies=fidsu&direction=DOWNSTREAM', 'dependencies'],
      ['/export/graph.gexf?from=cirb&to=fidsu', 'to'],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(404);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'NOT_FOUND', parameter, suggestions: expect.arrayContaining(['fidus']) });
      expect(body.errors[0]!.message).toMatch(`No entity with id "fidsu" (parameter "${parameter}")`);
    }
  });

  it('takes GET only, and knows no other export file', async () => {
    const post = await app.fetch('http://test/export/graph.gexf', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const other = await get('/export/graph.xml');
    expect(other.status).toBe(404);
    expect(((await other.json()) as ErrorBody).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });
});

describe('the schema checks can fail', () => {
  it('xmllint refuses a GEXF and a GraphML that break their schemas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-xml-'));
    try {
      writeFileSync(join(dir, 'bad.gexf'), '<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node/></nodes></graph></gexf>');
      expect(xmllint('gexf.xsd', join(dir, 'bad.gexf'))).toMatchObject({ ok: false, output: expect.stringMatching(/id.*required|fails to validate/) });
      writeFileSync(join(dir, 'bad.graphml'), '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="sideways"/></graphml>');
      expect(xmllint('graphml.xsd', join(dir, 'bad.graphml'))).toMatchObject({ ok: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** npm run export runs dist/export/export-command.js (built by the test set-up), on the embedded store of DATA_DIR. */
describe('the export command [store: embedded]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-command-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data') };
    delete env.NEO4J_URI;
    return spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/export/export-command.js'), ...args], { env, encoding: 'utf8', timeout: 60000 });
  };

  it('writes a view to a file, and the whole graph to stdout', () => {
    const out = join(dir, 'cirb.graphml');
    const file = run('--format', 'graphml', '--around', 'cirb', '--depth', '2', '--out', out);
    expect(file.status).toBe(0);
    expect(xmllint('graphml.xsd', out)).toMatchObject({ ok: true });
    const stdout = run('--format', 'json');
    expect(stdout.status).toBe(0);
    expect((JSON.parse(stdout.stdout) as { nodes: unknown[] }).nodes.length).toBeGreaterThan(50);
  });

  it('writes the two CSVs beside the --out prefix', () => {
    const result = run('--format', 'csv', '--dependencies', 'fidus', '--direction', 'DOWNSTREAM', '--out', join(dir, 'fidus'));
    expect(result.status).toBe(0);
    expect(readCsv(readFileSync(join(dir, 'fidus.nodes.csv'), 'utf8'))[1]![0]).toBe('fidus');
    expect(readCsv(readFileSync(join(dir, 'fidus.edges.csv'), 'utf8')).length).toBeGreaterThan(1);
  });

  it.each([
    [['--format', 'xml'], /^export: --format must be one of gexf, graphml, cyjs, json, jsonld, nodes\.csv, edges\.csv, csv; got "xml"\.\n$/],
    [['--around', 'cirb'], /^export: --format is missing/],
    [['--format', 'csv'], /^export: --out is missing/],
    [['--format', 'gexf', '--around', 'cirb', '--depth', 'two'], /^export: --depth must be an integer from 1 to 3; got "two"\.\n$/],
    [['--format', 'gexf', '--around', 'cirb', '--dept', '2'], /^export: --dept is not an export parameter/],
    [['--format', 'gexf', '--around'], /^export: --around needs a value\.\n$/],
    [['--format', 'gexf', '--around', 'fidsu'], /^export: No entity with id "fidsu" \(--around\); the closest ids: fidus/],
  ])('exits 1 with one line naming the flag: %j', (args, line) => {
    const result = run(...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(line);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});
