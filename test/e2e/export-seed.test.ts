import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CURATION_DATASET, type Operation } from '../../src/changes/change';
import { fold } from '../../src/curation/fold';
import type { Citation, Entity, Relationship } from '../../src/domain/model';
import { quoteIn } from '../../src/domain/quote';
import { addDocumentDraft } from '../../src/graphql/curation-inputs';
import { curateOp } from '../helpers/curate-op';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import type { GraphStore } from '../../src/store/store';
import { itWithSources } from '../helpers/sources';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { lockNeo4j } from '../helpers/neo4j-lock';
import { describeIfNeo4j, emptyNeo4j, neo4jTestConfig } from '../helpers/neo4j-test-env';

/**
 * `npm run export-seed` as a reviewer runs it: the command built by test/support/global-setup.js,
 * in its own process, against a store holding the real seed and edits made through curate.
 */
interface Outcome { code: number | null; stdout: string; stderr: string }

function exportSeed(env: Record<string, string>, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'dist/curation/export-seed-command.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'export-seed-'));
  dirs.push(d);
  return d;
};
const stores: GraphStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A copy of seed/, with `extra` files beside it. */
function seedCopy(extra: Record<string, string> = {}): string {
  const dir = tempDir();
  for (const f of readdirSync(join(PROJECT_ROOT, 'seed'))) copyFileSync(join(PROJECT_ROOT, 'seed', f), join(dir, f));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A store holding the real seed, in a DATA_DIR of its own. */
async function seededStore(seedDir: string): Promise<{ store: GraphStore; dataDir: string }> {
  const dataDir = tempDir();
  const store = new SqliteStore(join(dataDir, 'graph.sqlite'));
  stores.push(store);
  await ensureSeed(store, seedDir);
  return { store, dataDir };
}

const DOC = 'question-523-open-data-2021';
const Q412 = 'question-412-smart-city-2020';
const TEXT = [
  'Question écrite n°523 de Jeanne Test à Bernard Clerfayt concernant le portail de données ouvertes.',
  'Date de réception: 01/03/2021   Date de publication: 15/03/2021',
  '',
  'Question',
  'Sur quelle plateforme le portail régional de données ouvertes repose-t-il ?',
  '',
  'Réponse',
  'Le CIRB gère le portail de données ouvertes de la Région.',
  'Ce portail s’appuiera sur Fidus en 2021.',
].join('\n');

const cite = (quote: string, section: string, document = DOC): Citation => ({ document, quote, section });
const edit = (store: GraphStore, op: Operation, citations: Citation[] = []) => curateOp(store, op, { reason: 'test edit', citations });

function registerDocument(store: GraphStore, id: string, label: string, text: string | null) {
  return edit(store, addDocumentDraft({
    id, kind: 'written-question', label, title: `${label}: concernant le portail de données ouvertes`, language: 'fr', number: 523,
    date: { date: '2021-03-15', text: '15/03/2021' }, author: 'Jeanne Test', addressee: 'Bernard Clerfayt', text,
  }) as Operation);
}

/** The edits of a reviewed batch: a document, its own citation, an entity, two relationships, a correction of a seed entity. */
async function curateBatch(store: GraphStore): Promise<void> {
  await registerDocument(store, DOC, 'Question écrite n°523 (2021)', TEXT);
  await edit(store, { kind: 'ADD_CITATION', target: 'ENTITY', id: DOC, citation: cite('Question écrite n°523', 'header') });
  const portal: Entity = {
    id: 'portail-open-data', type: 'Platform', category: 'data-portal', label: 'Portail open data',
    names: [{ text: 'Open data portal', language: 'en', kind: 'LABEL' }], status: 'ONGOING', inferred: {},
    properties: { managedSince: { date: '2021-03', text: 'mars 2021' } },
    sources: [cite('Le CIRB gère le portail de données ouvertes de la Région.', 'answer-1'), cite('J’ai donc demandé au CIRB', 'answer-1', Q412)],
  };
  await edit(store, { kind: 'CREATE_ENTITY', entity: portal }, portal.sources);
  const dependsOn: Relationship = {
    id: 'portail-open-data.depends-on.fidus', type: 'DEPENDS_ON', from: 'portail-open-data', to: 'fidus', modality: 'PLANNED',
    at: { date: '2021', text: 'en 2021' }, properties: {}, sources: [cite('Ce portail s’appuiera sur Fidus en 2021.', 'answer-1')],
  };
  await edit(store, { kind: 'ADD_RELATIONSHIP', relationship: dependsOn }, dependsOn.sources);
  const operates: Relationship = {
    id: 'cirb.operates.portail-open-data.2021', type: 'OPERATES', from: 'cirb', to: 'portail-open-data', properties: { role: 'gestionnaire' },
    sources: [cite('Le CIRB gère le portail de données ouvertes', 'answer-1')],
  };
  await edit(store, { kind: 'ADD_RELATIONSHIP', relationship: operates }, operates.sources);
  // An entity of another document, and a relationship to it citing this one: a seed file cannot name the entity.
  const elsewhere: Entity = { ...portal, id: 'autre-chose', label: 'Autre chose', names: [], status: null, properties: {}, sources: [cite('J’ai donc demandé au CIRB', 'answer-1', Q412)] };
  await edit(store, { kind: 'CREATE_ENTITY', entity: elsewhere }, elsewhere.sources);
  const partOf: Relationship = { id: 'portail-open-data.part-of.autre-chose', type: 'PART_OF', from: 'portail-open-data', to: 'autre-chose', properties: {}, sources: [cite('Le CIRB gère le portail', 'answer-1')] };
  await edit(store, { kind: 'ADD_RELATIONSHIP', relationship: partOf }, partOf.sources);
  const [cirb] = await store.getEntities(['cirb']);
  const correction = [cite('Le CIRB gère le portail', 'answer-1')];
  await edit(store, { kind: 'UPDATE_ENTITY', id: 'cirb', set: { properties: { ...cirb!.properties, openData: 'gère le portail de données ouvertes' } }, citations: correction }, correction);
}

/** The store's facts: every entity and relationship, without bookkeeping. */
async function facts(store: GraphStore): Promise<{ entities: Entity[]; relationships: Relationship[] }> {
  const { graph } = fold(await store.listChanges({ targets: false }));
  const entities = await store.getEntities(graph.entities.map((e) => e.id));
  const relationships = await store.getRelationships(graph.relationships.map((r) => r.id));
  expect(await store.stats()).toEqual({ entities: entities.length, relationships: relationships.length });
  const bare = <T extends Entity | Relationship>(r: T | null) => {
    const { record: _, ...rest } = r!;
    return rest;
  };
  return { entities: entities.map(bare) as Entity[], relationships: relationships.map(bare) as Relationship[] };
}

const withoutExportTime = (yaml: string) => yaml.replace(/^# Exported at \S+/m, '# Exported at (time)');

describe('the export-seed command [store: embedded]', () => {
  const seedDir = seedCopy();
  let store: GraphStore;
  let env: Record<string, string>;
  let exported: string;
  let exportedWithText: string;

  beforeAll(async () => {
    const seeded = await seededStore(seedDir);
    store = seeded.store;
    env = { DATA_DIR: seeded.dataDir, SEED_DIR: seedDir };
    await curateBatch(store);
  });

  it('writes the document and what the edits created citing it as a seed file, the same each time', async () => {
    const run = await exportSeed(env, ['--dataset', CURATION_DATASET]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(0);
    exported = run.stdout;
    const summary = JSON.parse(run.stderr);
    expect(summary).toMatchObject({
      msg: 'seed exported', dataset: 'curation', document: DOC, entities: 1, relationships: 2, corrections: ['cirb'],
      keptAsEdits: [{ id: 'portail-open-data.part-of.autre-chose', why: 'its end "autre-chose" is in no seed file, nor in this one' }], citationsLeftOut: { otherDocuments: 1, noSection: 0 }, reload: 'unchanged', store: 'embedded',
    });
    expect(parse(exported)).toEqual({
      format: 2,
      document: {
        id: DOC, label: 'Question écrite n°523 (2021)', title: 'Question écrite n°523 (2021): concernant le portail de données ouvertes', language: 'fr',
        category: 'written-question',
        properties: { number: 523, publishedOn: { date: '2021-03-15', text: '15/03/2021' }, author: 'Jeanne Test', addressee: 'Bernard Clerfayt' },
        sources: [{ quote: 'Question écrite n°523', section: 'header' }],
      },
      entities: [{
        id: 'portail-open-data', type: 'Platform', category: 'data-portal', label: 'Portail open data',
        names: [{ text: 'Open data portal', lang: 'en', kind: 'label' }], status: 'ongoing',
        properties: { managedSince: { date: '2021-03', text: 'mars 2021' } },
        sources: [{ quote: 'Le CIRB gère le portail de données ouvertes de la Région.', section: 'answer-1' }],
      }],
      relationships: [
        { id: 'cirb.operates.portail-open-data.2021', type: 'OPERATES', from: 'cirb', to: 'portail-open-data', properties: { role: 'gestionnaire' }, sources: [{ quote: 'Le CIRB gère le portail de données ouvertes', section: 'answer-1' }] },
        { type: 'DEPENDS_ON', from: 'portail-open-data', to: 'fidus', modality: 'planned', at: { date: '2021', text: 'en 2021' }, sources: [{ quote: 'Ce portail s’appuiera sur Fidus en 2021.', section: 'answer-1' }] },
      ],
    });
    // The header comment, its lines joined.
    const header = exported.split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\s*/, '')).join(' ').replace(/\s+/g, ' ');
    expect(header).toContain(`Seed file written from the edits of dataset "curation" made through the API: document ${DOC}`);
    expect(header).toContain(`from the embedded store ${join(env.DATA_DIR!, 'graph.sqlite')}, its change log through change`);
    expect(header).toMatch(/corrections kept as edits in the log .*: cirb/);
    expect(header).toMatch(/1 citation of other documents/);
    expect(header).toContain('- portail-open-data.part-of.autre-chose, kept as an edit: its end "autre-chose" is in no seed file, nor in this one');
    expect(header).toMatch(/checked against the text registered with the document/);
    expect(header).toContain('loading it beside the seed files changes nothing in the graph');

    const again = await exportSeed(env, ['--dataset', CURATION_DATASET, '--document', DOC]);
    expect(withoutExportTime(again.stdout)).toBe(withoutExportTime(exported));
  });

  it('writes a file the seed loader reads beside seed/, every quote in the registered text', () => {
    const seed = loadSeed(seedCopy({ [`${DOC}.yaml`]: exported }));
    const dataset = seed.datasets.find((d) => d.name === DOC)!;
    expect(dataset.entities.map((e) => e.id)).toEqual([DOC, 'portail-open-data']);
    expect(dataset.relationships.map((r) => r.id)).toEqual(['cirb.operates.portail-open-data.2021', 'portail-open-data.depends-on.fidus']);
    for (const r of [...dataset.entities, ...dataset.relationships]) for (const c of r.sources) expect(quoteIn(c.quote, TEXT)).toBe(true);
  });

  it('with --text-dir, writes the text too and names it, and says what naming it adds', async () => {
    const textDir = join(tempDir(), 'texts');
    const run = await exportSeed(env, ['--dataset', CURATION_DATASET, '--text-dir', textDir]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(textDir, `${DOC}.txt`), 'utf8')).toBe(TEXT);
    exportedWithText = run.stdout;
    expect(parse(run.stdout).document.sourceFile).toBe(`${DOC}.txt`);
    expect(JSON.parse(run.stderr)).toMatchObject({ textFile: join(textDir, `${DOC}.txt`), reload: { changed: [`${DOC}: properties.sourceFile`], skipped: [] } });
    expect(run.stdout).toMatch(new RegExp(`SOURCES_DIR holding\\s+(# )?${DOC}\\.txt checks them again`));
  });

  itWithSources('with --text-dir, loads with SOURCES_DIR holding the source texts and the one written, each quote checked', async (sources) => {
    const textDir = tempDir();
    for (const f of readdirSync(sources)) copyFileSync(join(sources, f), join(textDir, f));
    const run = await exportSeed(env, ['--dataset', CURATION_DATASET, '--text-dir', textDir]);
    expect(run.code).toBe(0);
    const seed = loadSeed(seedCopy({ [`${DOC}.yaml`]: run.stdout }), { sourcesDir: textDir });
    expect(seed.datasets.map((d) => d.name)).toEqual([Q412, DOC]);
    // A quote the text lacks is refused: the check does look at the text written.
    writeFileSync(join(textDir, `${DOC}.txt`), 'Question écrite n°523');
    expect(() => loadSeed(seedCopy({ [`${DOC}.yaml`]: run.stdout }), { sourcesDir: textDir })).toThrow(/quote not found verbatim/);
  });

  it('changes nothing in the graph when loaded beside the seed, and its records are then its dataset\'s too', async () => {
    const before = await facts(store);
    const result = await ensureSeed(store, seedCopy({ [`${DOC}.yaml`]: exported }));
    expect(result).toMatchObject({ loaded: true, datasets: [DOC], skipped: [] });
    expect(await facts(store)).toEqual(before);
    const [doc, portal, cirb] = await store.getEntities([DOC, 'portail-open-data', 'cirb']);
    for (const e of [doc, portal]) expect(e!.record!.datasets).toEqual([CURATION_DATASET, DOC]);
    expect(cirb!.record!.datasets).toEqual([CURATION_DATASET, Q412]);
    // The citation of another document, which the file could not hold, is still there.
    expect(portal!.sources).toContainEqual(cite('J’ai donc demandé au CIRB', 'answer-1', Q412));
    for (const r of await store.getRelationships(['portail-open-data.depends-on.fidus', 'cirb.operates.portail-open-data.2021'])) {
      expect(r!.record!.datasets).toEqual([CURATION_DATASET, DOC]);
    }
    // Laid down again from the log, the graph is the same.
    await ensureSeed(store, seedCopy({ [`${DOC}.yaml`]: exported }), { force: true });
    expect(await facts(store)).toEqual(before);
    // The file written with --text-dir adds one fact: the document's sourceFile.
    expect(await ensureSeed(store, seedCopy({ [`${DOC}.yaml`]: exportedWithText }))).toMatchObject({ loaded: true, datasets: [DOC], skipped: [] });
    const withText = await facts(store);
    expect(withText.entities.find((e) => e.id === DOC)!.properties.sourceFile).toBe(`${DOC}.txt`);
    expect({ ...withText, entities: withText.entities.map((e) => (e.id === DOC ? { ...e, properties: { ...e.properties, sourceFile: undefined } } : e)) })
      .toEqual({ ...before, entities: before.entities.map((e) => (e.id === DOC ? { ...e, properties: { ...e.properties, sourceFile: undefined } } : e)) });

    // Once a seed file states the document, there is nothing of it left to export.
    const none = await exportSeed(env, ['--dataset', CURATION_DATASET]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^Seed not exported: no document registered through the API in dataset "curation" is left to export/);
    const twice = await exportSeed(env, ['--dataset', CURATION_DATASET, '--document', DOC]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`document "${DOC}" is stated by seed file(s) ${DOC}.yaml already`);
  });
});

describe('the export-seed command refusing [store: embedded]', () => {
  const seedDir = seedCopy();
  let env: Record<string, string>;
  let store: GraphStore;

  beforeAll(async () => {
    const seeded = await seededStore(seedDir);
    store = seeded.store;
    env = { DATA_DIR: seeded.dataDir, SEED_DIR: seedDir };
    await registerDocument(store, 'question-600-a', 'Question écrite n°600 (2021)', 'Question écrite n°600: le texte.');
    await registerDocument(store, 'question-601-b', 'Question écrite n°601 (2021)', null);
  });

  const refused = async (args: string[], pattern: RegExp, runEnv = env) => {
    const outcome = await exportSeed(runEnv, args);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(pattern);
  };

  it('exits 1 naming the documents when --document is missing and the dataset registered several', async () => {
    await refused(['--dataset', CURATION_DATASET], /several documents registered through the API in dataset "curation": question-600-a, question-601-b; .*pick one with --document/);
  });

  it('exits 1 on an unknown dataset, naming those the log holds, and on a seed file\'s', async () => {
    await refused(['--dataset', 'curatoin'], /no dataset "curatoin" in the store's change log; its datasets: curation, question-412-smart-city-2020\./);
    await refused(['--dataset', Q412], /is the dataset of the seed file question-412-smart-city-2020\.yaml/);
  });

  it('exits 1 when the document cites nothing of itself, saying how to cite it, or has no text for --text-dir', async () => {
    await refused(['--dataset', CURATION_DATASET, '--document', 'question-600-a'], /cites nothing of itself.*addCitation/);
    await refused(['--dataset', CURATION_DATASET, '--document', 'question-601-b', '--text-dir', tempDir()], /registered without its text/);
    await refused(['--dataset', CURATION_DATASET, '--document', 'nope'], /no current document "nope"; registered through the API in dataset "curation": question-600-a, question-601-b/);
  });

  it('exits 1 on bad arguments, and on a DATA_DIR holding no store, creating none', async () => {
    await refused([], /--dataset is missing.*Usage: /);
    await refused(['--dataset', CURATION_DATASET, '--colour', 'red'], /unknown argument --colour/);
    await refused(['--dataset'], /--dataset needs a value/);
    const empty = join(tempDir(), 'nothing-here');
    mkdirSync(empty);
    await refused(['--dataset', CURATION_DATASET], /no embedded store at .*nothing-here.*graph\.sqlite \(DATA_DIR\)/, { DATA_DIR: empty, SEED_DIR: seedDir });
    expect(existsSync(join(empty, 'graph.sqlite'))).toBe(false);
  });
});

describe('a seed file stating a record the curation created [store: embedded]', () => {
  const file = (entity: string) => [
    'format: 2',
    'document: {id: other-doc, label: "Other", title: "Other", language: fr, sources: [{quote: "Other doc", section: header}]}',
    `entities: [${entity}]`,
    'relationships: []',
  ].join('\n');

  it('takes the creation as done when the file has everything it gave, and reports it skipped otherwise', async () => {
    const { store } = await seededStore(seedCopy());
    const created: Entity = { id: 'nouvelle', type: 'Organisation', category: null, label: 'Nouvelle', names: [], status: null, inferred: {}, properties: {}, sources: [cite('Le CIRB', 'answer-1', Q412)] };
    const change = await edit(store, { kind: 'CREATE_ENTITY', entity: created }, created.sources);

    const more = await ensureSeed(store, seedCopy({ 'other-doc.yaml': file('{id: nouvelle, type: Organisation, label: "Nouvelle", properties: {size: 3}, sources: [{quote: "Nouvelle", section: header}]}') }));
    expect(more.skipped).toEqual([]);
    const [kept] = await store.getEntities(['nouvelle']);
    expect(kept).toMatchObject({ label: 'Nouvelle', properties: { size: 3 }, record: { datasets: [CURATION_DATASET, 'other-doc'] } });
    expect(kept!.sources).toEqual([created.sources[0], { document: 'other-doc', quote: 'Nouvelle', section: 'header' }]);

    const other = await ensureSeed(store, seedCopy({ 'other-doc.yaml': file('{id: nouvelle, type: Organisation, label: "Autre chose", sources: [{quote: "Nouvelle", section: header}]}') }));
    expect(other.skipped).toEqual([{ seq: change.seq, reason: expect.stringContaining('exists already') }]);
    expect((await store.getEntities(['nouvelle']))[0]).toMatchObject({ label: 'Autre chose', record: { datasets: ['other-doc'] } });
  });
});

describeIfNeo4j('the export-seed command [store: neo4j]', () => {
  const config = neo4jTestConfig()!;
  const seedDir = seedCopy();
  let store: Neo4jStore;
  let release = () => {};
  let env: Record<string, string>;

  beforeAll(async () => {
    release = await lockNeo4j(config.uri);
    await emptyNeo4j(config);
    store = await Neo4jStore.connect(config);
    await ensureSeed(store, seedDir);
    await curateBatch(store);
    env = { NEO4J_URI: config.uri, NEO4J_USERNAME: config.username, NEO4J_PASSWORD: config.password, SEED_DIR: seedDir };
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    release();
  });

  it('writes from Neo4j the same seed file as from the embedded store, which loads there without changing the graph', async () => {
    const run = await exportSeed(env, ['--dataset', CURATION_DATASET]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stderr)).toMatchObject({ msg: 'seed exported', document: DOC, entities: 1, relationships: 2, reload: 'unchanged', store: 'neo4j' });
    const embedded = await seededStore(seedCopy());
    await curateBatch(embedded.store);
    const fromEmbedded = await exportSeed({ DATA_DIR: embedded.dataDir, SEED_DIR: seedDir }, ['--dataset', CURATION_DATASET]);
    expect(parse(run.stdout)).toEqual(parse(fromEmbedded.stdout));
    const before = await facts(store);
    expect(await ensureSeed(store, seedCopy({ [`${DOC}.yaml`]: run.stdout }))).toMatchObject({ loaded: true, datasets: [DOC], skipped: [] });
    expect(await facts(store)).toEqual(before);
  }, 120_000);
});
