import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedValidationError, type SeedIssue } from '../../src/domain/errors';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { loadSeed } from '../../src/seed/load-seed';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { itWithSources } from '../helpers/sources';

const VALID = `
format: 2
document:
  id: doc-a
  label: "Document A"
  title: "Document A, in full"
  language: fr
  sourceFile: doc-a.txt
  sources:
    - {quote: "Document A", section: header}
entities:
  - id: agence
    type: Organisation
    label: Agence
    properties:
      amount: {value: 125000, currency: EUR, vat: unspecified, text: "125K"}
      start: {date: "2020-23", text: "cet automne"}
    sources:
      - {quote: "Agence", section: answer-1}
  - id: portail
    type: Platform
    label: Portail
    sources:
      - {quote: "Portail", section: answer-1}
relationships:
  - type: OPERATES
    from: agence
    to: portail
    sources:
      - {quote: "Agence runs Portail", section: answer-1}
`;

const dirs: string[] = [];
function seedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function issuesOf(dir: string, options = {}): SeedIssue[] {
  try {
    loadSeed(dir, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedValidationError);
    return (error as SeedValidationError).issues;
  }
  throw new Error('the seed loaded, but errors were expected');
}

describe('seed validation', () => {
  it('loads a valid file into entities and relationships, citing its document', () => {
    const graph = loadSeed(seedDir({ 'a.yaml': VALID }));
    expect(graph.entities.map((e) => e.id)).toEqual(['doc-a', 'agence', 'portail']);
    expect(graph.relationships[0]).toMatchObject({
      id: 'agence.operates.portail',
      sources: [{ document: 'doc-a', quote: 'Agence runs Portail', section: 'answer-1' }],
    });
  });

  it('names the file, the line and the path of a YAML syntax error', () => {
    const [issue] = issuesOf(seedDir({ 'a.yaml': VALID.replace('label: Portail', 'name: [Portail') }));
    expect(issue!.file).toMatch(/a\.yaml$/);
    expect(issue!.line).toBeGreaterThan(1);
  });

  it('reports every schema error at once, each with its path and line', () => {
    const broken = VALID.replace('type: Platform', 'type: Gadget')
      .replace('value: 125000', 'value: "125K"')
      .replace('date: "2020-23"', 'date: "2020-13"')
      .replace('vat: unspecified', 'vat: maybe')
      .replace(/(relationships:\n {2}- type: OPERATES\n {4}from: agence\n {4}to: portail\n) {4}sources:\n.*\n/, '$1');
    const issues = issuesOf(seedDir({ 'a.yaml': broken }));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['entities[1].type']!.message).toMatch(/must be one of: Organisation/);
    expect(byPath['entities[0].properties.amount.value']!.message).toMatch(/number/);
    expect(byPath['entities[0].properties.amount.vat']!.message).toMatch(/included, excluded, unspecified/);
    expect(byPath['entities[0].properties.start.date']!.message).toMatch(/malformed/);
    expect(byPath['relationships[0]']!.message).toMatch(/missing required field "sources"/);
    expect(issues.every((i) => i.line && i.line > 1)).toBe(true);
  });

  it('refuses a relationship without a citation, and an unknown relationship type', () => {
    const noQuote = VALID.replace('      - {quote: "Agence runs Portail", section: answer-1}', '      []').replace('    sources:\n      []', '    sources: []');
    expect(issuesOf(seedDir({ 'a.yaml': noQuote })).map((i) => i.path)).toContain('relationships[0].sources');
    const badType = VALID.replace('type: OPERATES', 'type: OWNS');
    expect(issuesOf(seedDir({ 'a.yaml': badType }))[0]).toMatchObject({ path: 'relationships[0].type' });
  });

  it('reads a relationship\'s modality (lowercase, absent: fact) and its start, end and at', () => {
    const timed = VALID.replace(
      '    to: portail\n',
      '    to: portail\n    modality: planned\n    start: {date: "2020-23", text: "cet automne"}\n    end: {date: "2021"}\n    at: {date: "2020-10"}\n',
    );
    const [r] = loadSeed(seedDir({ 'a.yaml': timed })).relationships;
    expect(r).toMatchObject({ modality: 'PLANNED', start: { date: '2020-23', text: 'cet automne' }, end: { date: '2021' }, at: { date: '2020-10' } });
    const [fact] = loadSeed(seedDir({ 'a.yaml': VALID })).relationships;
    expect(fact).not.toHaveProperty('modality');
    expect(fact).not.toHaveProperty('start');
    const explicit = loadSeed(seedDir({ 'a.yaml': VALID.replace('    to: portail\n', '    to: portail\n    modality: fact\n') })).relationships[0];
    expect(explicit).not.toHaveProperty('modality');
  });

  it('refuses an unknown modality and a malformed relationship time, naming the file, line and path', () => {
    const bad = VALID.replace('    to: portail\n', '    to: portail\n    modality: maybe\n    start: {date: "2020-13"}\n    at: {date: "2021-02-30"}\n');
    const issues = issuesOf(seedDir({ 'a.yaml': bad }));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['relationships[0].modality']!.message).toMatch(/must be one of: fact, ongoing, planned, invited, proposed, positioned/);
    expect(byPath['relationships[0].modality']!.file).toMatch(/a\.yaml$/);
    expect(byPath['relationships[0].modality']!.line).toBeGreaterThan(1);
    expect(byPath['relationships[0].start.date']!.message).toMatch(/malformed/);
    expect(byPath['relationships[0].at.date']!.message).toBe('"2021-02-30" is not a calendar date');
  });

  it('reads labels, names with their language and kind, statuses, inferred fields and how sure each value is', () => {
    const rich = VALID.replace(
      '    label: Agence\n',
      [
        '    label: Agence',
        '    category: public-body',
        '    names:',
        '      - {text: "Agence Régionale", lang: fr, kind: official}',
        '      - {text: "Agentschap", lang: nl, kind: label}',
        '      - {text: "AR", lang: en, kind: acronym}',
        '    status: launched',
        '    inferred: {category: "named beside the administrations"}',
        '',
      ].join('\n'),
    )
      .replace('text: "125K"}', 'text: "125K", inferred: true, basis: "no currency sign; euros"}')
      .replace('text: "cet automne"}', 'text: "cet automne", approximate: true, basis: "autumn read loosely"}')
      .replace('    to: portail\n', '    to: portail\n    modality: planned\n    inferred: {modality: "a future tense"}\n');
    const graph = loadSeed(seedDir({ 'a.yaml': rich }));
    const [doc, agence, portail] = graph.entities;
    expect(doc).toMatchObject({ label: 'Document A', names: [], status: null, inferred: {} });
    expect(doc!.properties).toMatchObject({ title: 'Document A, in full', language: 'fr', sourceFile: 'doc-a.txt' });
    expect(agence).toMatchObject({
      label: 'Agence',
      names: [
        { text: 'Agence Régionale', language: 'fr', kind: 'OFFICIAL' },
        { text: 'Agentschap', language: 'nl', kind: 'LABEL' },
        { text: 'AR', language: 'en', kind: 'ACRONYM' },
      ],
      status: 'LAUNCHED',
      inferred: { category: 'named beside the administrations' },
    });
    expect(agence!.properties.amount).toEqual({ value: 125000, currency: 'EUR', vat: 'unspecified', text: '125K', inferred: true, basis: 'no currency sign; euros' });
    expect(agence!.properties.start).toEqual({ date: '2020-23', text: 'cet automne', approximate: true, basis: 'autumn read loosely' });
    expect(portail).toMatchObject({ names: [], status: null, inferred: {} });
    expect(graph.relationships[0]).toMatchObject({ modality: 'PLANNED', inferred: { modality: 'a future tense' } });
    expect(loadSeed(seedDir({ 'a.yaml': VALID })).relationships[0]).not.toHaveProperty('inferred');
  });

  describe('refuses, naming the file, the line and the path', () => {
    /** The one issue of `text` at `path`, checked to name the file and a line. */
    function issueAt(text: string, path: string): SeedIssue {
      const issues = issuesOf(seedDir({ 'a.yaml': text }));
      const issue = issues.find((i) => i.path === path);
      if (!issue) throw new Error(`no issue at ${path}: ${JSON.stringify(issues)}`);
      expect(issue.file).toMatch(/a\.yaml$/);
      expect(issue.line).toBeGreaterThan(1);
      return issue;
    }
    const withAgence = (lines: string) => VALID.replace('    label: Agence\n', `    label: Agence\n${lines}`);

    it('a format 1 file, saying what changed', () => {
      const formatOne = VALID.replace('format: 2\n', '').replace(/label: /g, 'name: ').replace('  title: "Document A, in full"\n  language: fr\n', '');
      const issues = issuesOf(seedDir({ 'a.yaml': formatOne }));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.file).toMatch(/a\.yaml$/);
      expect(issues[0]!.path).toBe('format');
      expect(issues[0]!.message).toMatch(/seed format 1 \(no "format" field\) is not read: this server reads format 2/);
      expect(issues[0]!.message).toMatch(/"name" is now its "label".*"aliases" are "names", each \{text, lang, kind\}/);
      expect(issueAt(VALID.replace('format: 2', 'format: 3'), 'format').message).toMatch(/seed format 3 is not read/);
    });

    it('an unknown language code, on the document and on a name', () => {
      expect(issueAt(VALID.replace('language: fr', 'language: xx'), 'document.language').message).toBe('"xx" is not a language code');
      const name = withAgence('    names: [{text: "Agence", lang: zz, kind: official}]\n');
      expect(issueAt(name, 'entities[0].names[0].lang').message).toBe('"zz" is not a language code');
    });

    it('a label over the length limit, and a name of kind label over it', () => {
      const long = 'x'.repeat(49);
      expect(issueAt(VALID.replace('label: Agence', `label: ${long}`), 'entities[0].label').message).toMatch(/more than 48 characters/);
      const label = withAgence(`    names: [{text: ${long}, lang: nl, kind: label}]\n`);
      expect(issueAt(label, 'entities[0].names[0].text').message).toMatch(/more than 48 characters/);
      // Other kinds of name may be longer.
      expect(() => loadSeed(seedDir({ 'a.yaml': withAgence(`    names: [{text: ${long}, lang: fr, kind: official}]\n`) }))).not.toThrow();
    });

    it('an inferred value without its basis, and a basis on a value neither inferred nor approximate', () => {
      const noBasis = VALID.replace('text: "125K"}', 'text: "125K", inferred: true}');
      expect(issueAt(noBasis, 'entities[0].properties.amount').message).toBe('"inferred: true" needs a "basis": one line saying what the value is read from');
      const approximate = VALID.replace('text: "cet automne"}', 'text: "cet automne", approximate: true}');
      expect(issueAt(approximate, 'entities[0].properties.start').message).toMatch(/^"approximate: true" needs a "basis"/);
      const basisOnly = VALID.replace('text: "125K"}', 'text: "125K", basis: "a guess"}');
      expect(issueAt(basisOnly, 'entities[0].properties.amount.basis').message).toBe(
        'a "basis" explains a value that is inferred or approximate: add "inferred: true", or remove the basis',
      );
      const onTime = VALID.replace('    to: portail\n', '    to: portail\n    at: {date: "2020", basis: "a guess"}\n');
      expect(issueAt(onTime, 'relationships[0].at.basis').message).toMatch(/add "inferred: true" or "approximate: true"/);
    });

    it('an inferred key naming a field the item lacks', () => {
      const absent = withAgence('    inferred: {status: "the text says it started"}\n');
      expect(issueAt(absent, 'entities[0].inferred.status').message).toBe('"status" is said to be inferred, but the item has no "status"');
      const relationship = VALID.replace('    to: portail\n', '    to: portail\n    inferred: {modality: "a future tense"}\n');
      expect(issueAt(relationship, 'relationships[0].inferred.modality').message).toMatch(/has no "modality"/);
    });

    it('an unknown name kind and an unknown status', () => {
      const kind = withAgence('    names: [{text: "AG", lang: fr, kind: nickname}]\n');
      expect(issueAt(kind, 'entities[0].names[0].kind').message).toMatch(/must be one of: official, acronym, label, alias, sic, role/);
      const status = withAgence('    status: paused\n');
      expect(issueAt(status, 'entities[0].status').message).toMatch(/must be one of: planned, launched, ongoing, ended/);
    });
  });

  it('refuses an impossible calendar date', () => {
    const issues = issuesOf(seedDir({ 'a.yaml': VALID.replace('date: "2020-23"', 'date: "2021-02-30"') }));
    expect(issues[0]).toMatchObject({ path: 'entities[0].properties.start.date', message: '"2021-02-30" is not a calendar date' });
  });

  it('checks references across files: unknown endpoints, duplicate ids, duplicate and reversed symmetric relationships', () => {
    const second = `
format: 2
document: {id: doc-b, label: "Document B", title: "Document B", language: fr, sources: [{quote: "Document B", section: header}]}
entities:
  - {id: agence, type: Organisation, label: Agence bis, sources: [{quote: "Agence", section: answer-2}]}
relationships:
  - {type: OPERATES, from: agence, to: portail, sources: [{quote: "again", section: answer-2}]}
  - {type: DEPENDS_ON, from: portail, to: cirbb, sources: [{quote: "xyz", section: answer-2}]}
  - {type: COLLABORATES_WITH, from: portail, to: agence, sources: [{quote: "xyz", section: answer-2}]}
  - {type: COLLABORATES_WITH, from: agence, to: portail, sources: [{quote: "xyz", section: answer-2}]}
  - {type: SUPPORTS, from: portail, to: portail, sources: [{quote: "xyz", section: answer-2}]}
`;
    const issues = issuesOf(seedDir({ 'a.yaml': VALID, 'b.yaml': second }));
    const messages = issues.map((i) => `${i.file.split('/').pop()} ${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b\.yaml entities\[0\]\.id: duplicate entity id "agence" \(first defined at .*a\.yaml entities\.0\)/),
        expect.stringMatching(/^b\.yaml relationships\[0\]: duplicate relationship "agence\.operates\.portail"/),
        'b.yaml relationships[1].to: unknown entity "cirbb"',
        expect.stringMatching(/^b\.yaml relationships\[3\]: duplicate relationship "agence\.collaborates-with\.portail"/),
        'b.yaml relationships[4].to: a relationship cannot link an entity to itself',
      ]),
    );
  });

  it('reports schema and reference errors of one file together', () => {
    const broken = VALID.replace('type: Platform', 'type: Gadget').replace('to: portail', 'to: nowhere');
    expect(issuesOf(seedDir({ 'a.yaml': broken })).map((i) => i.path).sort()).toEqual(['entities[1].type', 'relationships[0].to']);
  });

  it('checks every quote against the source text when one is given', () => {
    const dir = seedDir({ 'a.yaml': VALID });
    writeFileSync(join(dir, 'doc-a.txt'), 'Document A. Agence\u00a0runs  Portail, and Agence and Portail exist.');
    expect(() => loadSeed(dir, { sourcesDir: dir })).not.toThrow();
    const invented = seedDir({ 'a.yaml': VALID.replace('"Agence runs Portail"', '"Agence owns Portail"') });
    writeFileSync(join(invented, 'doc-a.txt'), 'Document A. Agence runs Portail.');
    expect(issuesOf(invented, { sourcesDir: invented })).toEqual([
      expect.objectContaining({ path: 'relationships[0].sources[0].quote', message: 'quote not found verbatim in the source text' }),
    ]);
  });
});

describe('loading the seed into a store', () => {
  it('loads nothing from a seed with an error, and keeps what the store held', async () => {
    const store = new SqliteStore(':memory:');
    await ensureSeed(store, seedDir({ 'a.yaml': VALID }));
    const before = { stats: await store.stats(), version: await store.graphVersion() };
    const broken = seedDir({ 'a.yaml': VALID.replace('label: Portail', 'label: Portail 2').replace('to: portail', 'to: nowhere') });
    await expect(ensureSeed(store, broken)).rejects.toThrow(/unknown entity "nowhere"/);
    expect({ stats: await store.stats(), version: await store.graphVersion() }).toEqual(before);
    expect((await store.getEntities(['portail']))[0]?.label).toBe('Portail');
    await store.close();
  });

  it('changes nothing when the same seed is loaded twice, and loads again when it changes', async () => {
    const store = new SqliteStore(':memory:');
    const dir = seedDir({ 'a.yaml': VALID });
    expect((await ensureSeed(store, dir)).loaded).toBe(true);
    const stats = await store.stats();
    expect((await ensureSeed(store, dir)).loaded).toBe(false);
    expect(await store.stats()).toEqual(stats);
    writeFileSync(join(dir, 'a.yaml'), VALID.replace('label: Portail', 'label: Portail régional'));
    expect((await ensureSeed(store, dir)).loaded).toBe(true);
    expect((await store.getEntities(['portail']))[0]?.label).toBe('Portail régional');
    await store.close();
  });
});

describe('the seed of question 412', () => {
  const graph = loadSeed(join(PROJECT_ROOT, 'seed'));

  it('holds every actor and relationship of the document, each cited', () => {
    expect(graph.entities.length).toBeGreaterThanOrEqual(50);
    expect(graph.relationships.length).toBeGreaterThanOrEqual(80);
    for (const item of [...graph.entities, ...graph.relationships]) expect(item.sources.length).toBeGreaterThan(0);
    const ids = graph.entities.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining(['cirb', 'sprb', 'bruxelles-connectit', 'fidus', 'irisbox', 'datastore-brussels', 'gartner', 'my-brussels', 'only-once']),
    );
  });

  it('cites only the parts of the document', () => {
    const sections = new Set([...graph.entities, ...graph.relationships].flatMap((x) => x.sources.map((s) => s.section)));
    expect([...sections].sort()).toEqual(['answer-1', 'answer-2', 'answer-3', 'answer-4', 'answer-5', 'header', 'question']);
  });

  it('keeps money with its currency and VAT: "220K HTVA" is 220000 EUR excluding VAT', () => {
    const amounts = graph.entities.flatMap((e) => (e.properties.amount ? [e.properties.amount] : []));
    // The text gives no currency sign: EUR is inferred, and says so with its basis.
    expect(amounts).toContainEqual(expect.objectContaining({ value: 220000, currency: 'EUR', vat: 'excluded', text: '220K HTVA', inferred: true }));
  });

  it('marks what the text states otherwise than as a fact: invitations, positionings, plans, proposals, what is ongoing', () => {
    const modality = (id: string) => graph.relationships.find((r) => r.id === id)?.modality ?? 'FACT';
    for (const who of ['easybrussels', 'digital-transformation-office', 'bruxelles-mobilite', 'bruxelles-environnement']) {
      expect(modality(`${who}.participates-in.smart-city-office`)).toBe('INVITED');
    }
    expect(modality('cirb.acts-as.regional-data-office')).toBe('POSITIONED');
    expect(modality('digital-transformation-office.model-for.data-transformation-offices-locaux')).toBe('POSITIONED');
    expect(modality('cirb.launches.my-brussels')).toBe('PLANNED');
    expect(modality('programme-crm-sprb.serves.sprb')).toBe('PLANNED');
    expect(modality('plateforme-regionale-d-echange-de-donnees.builds-on.fidus')).toBe('PROPOSED');
    expect(modality('bruxelles-connectit.analyses.demandes-de-projets-crm-sprb')).toBe('ONGOING');
    expect(modality('cirb.partner-in.liste-de-projets-smart-city-prioritaires')).toBe('PLANNED');
    expect(modality('marche-gartner.awarded-to.gartner')).toBe('FACT');
  });

  itWithSources('quotes the document verbatim, every time', (dir) => {
    expect(() => loadSeed(join(PROJECT_ROOT, 'seed'), { sourcesDir: dir })).not.toThrow();
  });
});
