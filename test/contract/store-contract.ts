import { join } from 'node:path';
import { GraphRefusedError, NotFoundError, StoreUnavailableError, TimeoutError } from '../../src/domain/errors';
import type { Path } from '../../src/domain/model';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import { loadSeed } from '../../src/seed/load-seed';
import type { CallOptions, GraphStore } from '../../src/store/store';
import { compareIds } from '../../src/domain/order';
import { countCalls } from '../helpers/count-calls';
import { hubGraph } from './big-graph';
import { fixture } from './fixture';
import { CODE_POINT_ORDER, FAR, orderingGraph } from './ordering-graph';

export interface StoreFactory {
  /** Opens a store on a database of its own (emptied when it is a server). */
  open: () => Promise<GraphStore>;
  /** Opens another store on the database the last `open` gave, as another server would (nothing emptied). */
  another: () => Promise<GraphStore>;
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/** Every read of the port, called with `call`, on ids of the fixture. */
function everyRead(store: GraphStore, call: CallOptions): [string, () => Promise<unknown>][] {
  return [
    ['getEntities', () => store.getEntities(['agence'], call)],
    ['listEntities', () => store.listEntities({ first: 5 }, call)],
    ['search', () => store.search('agence', 5, call)],
    ['relationshipsOf', () => store.relationshipsOf(['agence'], { direction: 'BOTH' }, call)],
    ['neighbourhood', () => store.neighbourhood('agence', 2, { limit: 100 }, call)],
    ['shortestPath', () => store.shortestPath('appli', 'partenaire', 6, {}, call)],
    ['shortestPath to itself', () => store.shortestPath('appli', 'appli', 6, {}, call)],
    ['shortestPaths', () => store.shortestPaths('appli', 'partenaire', 6, 10, {}, call)],
    ['shortestPaths to itself', () => store.shortestPaths('appli', 'appli', 6, 10, {}, call)],
    ['dependencies', () => store.dependencies('socle', 'DOWNSTREAM', 5, { limit: 100 }, call)],
  ];
}

/** A path is well formed when each relationship joins the nodes on either side of it. */
function expectConnected(path: Path): void {
  expect(path.relationships).toHaveLength(path.nodes.length - 1);
  path.relationships.forEach((r, i) => {
    const ends = [path.nodes[i]!.id, path.nodes[i + 1]!.id].sort();
    expect([r.from, r.to].sort()).toEqual(ends);
  });
}

/**
 * The behaviour every GraphStore must have. A store that passes it can replace
 * another behind the API: test/store/*.test.ts run it against each store.
 */
export function describeStoreContract(kind: string, factory: StoreFactory): void {
  describe(`GraphStore contract [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await factory.open();
    });
    afterAll(async () => store && (await store.close()));

    describe('entities', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('returns entities in the order asked, null for unknown ids, with every field intact', async () => {
        const [agence, missing, marche] = await store.getEntities(['agence', 'nope', 'marche']);
        expect(missing).toBeNull();
        expect(agence).toEqual(fixture.entities.find((e) => e.id === 'agence'));
        expect(marche?.properties.amount).toEqual({
          value: 220000, currency: 'EUR', vat: 'excluded', text: '220K HTVA', inferred: true, basis: 'no currency sign; euros, the Region\'s currency',
        });
      });

      it('keeps labels, names with their languages and kinds, statuses, inferred fields and how sure each value is', async () => {
        const [agence, portail, beta] = await store.getEntities(['agence', 'portail', 'beta']);
        expect(agence).toMatchObject({
          label: 'Agence Numérique',
          names: [
            { text: 'AN', language: 'fr', kind: 'ACRONYM' },
            { text: 'Agentschap Digitaal', language: 'nl', kind: 'LABEL' },
            { text: 'Digital Agency', language: 'en', kind: 'LABEL' },
            { text: 'Agence Numérique de la Région', language: 'fr', kind: 'OFFICIAL' },
          ],
          status: 'LAUNCHED',
          inferred: { category: 'the text names it beside the administrations' },
        });
        expect(agence?.properties.founded).toEqual({ date: '2020-23', text: 'cet automne', inferred: true, basis: 'year taken from the answer\'s date' });
        expect(portail).toMatchObject({ status: 'PLANNED', inferred: {} });
        expect(portail?.properties.launch).toEqual({ date: '2019-36', text: 'fin 2019', approximate: true, basis: '« fin 2019 » read as the last quarter' });
        expect(beta).toMatchObject({ names: [], status: null, inferred: {} });
        // Traversals give the same entities and relationships as the reads by id.
        const around = await store.neighbourhood('integrateur', 1, { limit: 100 });
        expect(around.nodes.find((n) => n.id === 'agence')).toEqual(agence);
        const operates = around.relationships.find((r) => r.id === 'agence.operates.integrateur');
        expect(operates?.inferred).toEqual({ type: 'the text says it "gère" the integrator' });
        expect(around.relationships.find((r) => r.id === 'portail.builds-on.integrateur')).not.toHaveProperty('inferred');
        const [agenceRels] = await store.relationshipsOf(['agence'], { direction: 'OUT', types: ['OPERATES'] });
        expect(agenceRels!.find((r) => r.id === 'agence.operates.integrateur')?.inferred).toEqual({ type: 'the text says it "gère" the integrator' });
        const path = await store.shortestPath('agence', 'socle', 4, {});
        expect(path?.nodes[0]).toEqual(agence);
        expect(path?.relationships[0]?.inferred).toEqual({ type: 'the text says it "gère" the integrator' });
      });

      it('pages through entities in id order, by type, with a total count', async () => {
        const first = await store.listEntities({ type: 'Platform', first: 2 });
        expect(first.entities.map((e) => e.id)).toEqual(['appli', 'beta']);
        expect(first).toMatchObject({ hasMore: true, totalCount: 6 });
        const rest = await store.listEntities({ type: 'Platform', first: 10, after: 'beta' });
        expect(rest.entities.map((e) => e.id)).toEqual(['integrateur', 'portail', 'reseau', 'socle']);
        expect(rest.hasMore).toBe(false);
        expect((await store.listEntities({ first: 100 })).totalCount).toBe(fixture.entities.length);
      });

      it('keeps entities with a date overlapping the period asked', async () => {
        const autumn2020 = await store.listEntities({ during: ['2020-09-23', '2020-12-20'], first: 10 });
        expect(autumn2020.entities.map((e) => e.id)).toEqual(['agence']);
        const year2019 = await store.listEntities({ during: ['2019-01-01', '2019-12-31'], first: 10 });
        expect(year2019.entities.map((e) => e.id)).toEqual(['portail']);
      });
    });

    describe('search', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('ignores case and accents', async () => {
        const hits = await store.search('agence numerique', 5);
        expect(hits[0]?.entity.id).toBe('agence');
        expect((await store.search('INTEGRATEUR', 5))[0]?.entity.id).toBe('integrateur');
      });

      it('matches aliases and word prefixes', async () => {
        expect((await store.search('agentschap', 5)).map((h) => h.entity.id)).toContain('agence');
        expect((await store.search('numer', 5)).map((h) => h.entity.id)).toContain('agence');
      });

      it('ranks an exact name before names that merely contain it', async () => {
        const hits = await store.search('beta', 5);
        expect(hits.map((h) => h.entity.id)).toEqual(['beta', 'portail']);
        expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      });

      it('returns at most `first` hits, and none for an unknown word', async () => {
        expect(await store.search('membre', 3)).toHaveLength(3);
        expect(await store.search('zzzyxq', 5)).toEqual([]);
      });
    });

    describe('relationships of entities', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('answers a batch of ids in one call, in the order asked', async () => {
        const [integrateur, nope, isole] = await store.relationshipsOf(['integrateur', 'nope', 'isole'], { direction: 'BOTH' });
        expect(ids(integrateur!)).toEqual([
          'agence.operates.integrateur',
          'appli.depends-on.integrateur',
          'integrateur.depends-on.socle',
          'portail.builds-on.integrateur',
        ]);
        expect(nope).toEqual([]);
        expect(isole).toEqual([]);
      });

      it('filters by direction and type', async () => {
        const [out] = await store.relationshipsOf(['integrateur'], { direction: 'OUT' });
        expect(ids(out!)).toEqual(['integrateur.depends-on.socle']);
        const [inc] = await store.relationshipsOf(['integrateur'], { direction: 'IN', types: ['DEPENDS_ON'] });
        expect(ids(inc!)).toEqual(['appli.depends-on.integrateur']);
      });

      it('reads a symmetric relationship from both ends, whatever the direction', async () => {
        const [agenceOut, partenaireOut] = await store.relationshipsOf(['agence', 'partenaire'], {
          direction: 'OUT',
          types: ['COLLABORATES_WITH'],
        });
        expect(ids(agenceOut!)).toEqual(['agence.collaborates-with.partenaire']);
        expect(ids(partenaireOut!)).toEqual(['agence.collaborates-with.partenaire']);
        const [partenaireIn] = await store.relationshipsOf(['partenaire'], { direction: 'IN' });
        expect(ids(partenaireIn!)).toEqual(['agence.collaborates-with.partenaire', 'marche.awarded-to.partenaire']);
        expect(partenaireIn!.find((r) => r.type === 'COLLABORATES_WITH')?.properties).toEqual({ context: 'CRM' });
      });
    });

    describe('neighbourhood', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('follows relationships both ways to the depth asked, with the relationships between the nodes', async () => {
        const one = await store.neighbourhood('integrateur', 1, { limit: 100 });
        expect(ids(one.nodes)).toEqual(['agence', 'appli', 'integrateur', 'portail', 'socle']);
        // agence OPERATES portail joins two nodes of the result, so it is there too.
        expect(ids(one.relationships)).toEqual([
          'agence.operates.integrateur',
          'agence.operates.portail',
          'appli.depends-on.integrateur',
          'integrateur.depends-on.socle',
          'portail.builds-on.integrateur',
        ]);
        expect(one.truncated).toBe(false);
        const two = await store.neighbourhood('integrateur', 2, { limit: 100 });
        expect(ids(two.nodes)).toEqual(['agence', 'appli', 'integrateur', 'marche', 'partenaire', 'portail', 'reseau', 'socle']);
      });

      it('follows only the relationship types asked', async () => {
        const sub = await store.neighbourhood('integrateur', 3, { limit: 100, types: ['DEPENDS_ON'] });
        expect(ids(sub.nodes)).toEqual(['appli', 'integrateur', 'socle']);
        expect(sub.relationships.length).toBeGreaterThan(0);
        expect(new Set(sub.relationships.map((r) => r.type))).toEqual(new Set(['DEPENDS_ON']));
      });

      it('cuts at the node limit and says so', async () => {
        const sub = await store.neighbourhood('hub', 1, { limit: 5 });
        expect(sub.nodes).toHaveLength(5);
        expect(sub.nodes.map((n) => n.id)).toContain('hub');
        expect(sub.truncated).toBe(true);
        const all = await store.neighbourhood('hub', 1, { limit: 14 });
        expect(all.nodes).toHaveLength(14);
        expect(all.truncated).toBe(false);
      });

      it('is a lone node for an isolated entity, and NotFound for an unknown one', async () => {
        const sub = await store.neighbourhood('isole', 2, { limit: 10 });
        expect(ids(sub.nodes)).toEqual(['isole']);
        expect(sub.relationships).toEqual([]);
        await expect(store.neighbourhood('nope', 1, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('shortest path', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('ignores direction and returns the nodes and relationships in order', async () => {
        const path = await store.shortestPath('appli', 'partenaire', 6, {});
        expect(path).not.toBeNull();
        expect(path!.nodes.map((n) => n.id)).toEqual(['appli', 'integrateur', 'agence', 'partenaire']);
        expectConnected(path!);
      });

      it('is null beyond maxDepth, between unconnected entities, and outside the types asked', async () => {
        expect(await store.shortestPath('appli', 'partenaire', 2, {})).toBeNull();
        expect(await store.shortestPath('appli', 'isole', 6, {})).toBeNull();
        expect(await store.shortestPath('appli', 'partenaire', 6, { types: ['DEPENDS_ON', 'BUILDS_ON'] })).toBeNull();
        const viaTypes = await store.shortestPath('appli', 'reseau', 6, { types: ['DEPENDS_ON', 'INTEGRATES'] });
        expect(viaTypes!.nodes.map((n) => n.id)).toEqual(['appli', 'integrateur', 'socle', 'reseau']);
      });

      it('throws NotFound for an unknown end', async () => {
        await expect(store.shortestPath('appli', 'nope', 6, {})).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('dependencies', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('traces what relies on an entity (downstream) and what it relies on (upstream)', async () => {
        const down = await store.dependencies('socle', 'DOWNSTREAM', 5, { limit: 100 });
        expect(ids(down.nodes)).toEqual(['appli', 'integrateur', 'portail', 'socle']);
        expect(ids(down.relationships)).toEqual([
          'appli.depends-on.integrateur',
          'integrateur.depends-on.socle',
          'portail.builds-on.integrateur',
        ]);
        const up = await store.dependencies('portail', 'UPSTREAM', 5, { limit: 100 });
        expect(ids(up.nodes)).toEqual(['integrateur', 'portail', 'reseau', 'socle']);
        // OPERATES is no dependency: the operator is not in the trace.
        expect(ids(up.nodes)).not.toContain('agence');
      });

      it('stops at maxDepth and at the node limit', async () => {
        const up = await store.dependencies('portail', 'UPSTREAM', 1, { limit: 100 });
        expect(ids(up.nodes)).toEqual(['integrateur', 'portail']);
        const cut = await store.dependencies('reseau', 'DOWNSTREAM', 5, { limit: 3 });
        expect(cut.nodes).toHaveLength(3);
        expect(cut.truncated).toBe(true);
      });
    });

    describe('modality and time', () => {
      beforeAll(() => store.replaceGraph(fixture));
      const fixtureRel = (id: string) => fixture.relationships.find((r) => r.id === id);
      const y2020: [string, string] = ['2020-01-01', '2020-12-31'];
      const may2019: [string, string] = ['2019-05-01', '2019-05-31'];
      const y2021: [string, string] = ['2021-01-01', '2021-12-31'];

      it('keeps each relationship\'s modality and time as loaded, and none on a fact with no time', async () => {
        const [agence, socle, hub] = await store.relationshipsOf(['agence', 'socle', 'hub'], { direction: 'BOTH' });
        for (const r of [...agence!, ...socle!, ...hub!]) expect(r).toEqual(fixtureRel(r.id));
        const byId = new Map([...agence!, ...socle!, ...hub!].map((r) => [r.id, r]));
        expect(byId.get('socle.integrates.reseau')).toMatchObject({ modality: 'PLANNED', start: { date: '2021', text: 'en 2021' } });
        expect(byId.get('agence.collaborates-with.partenaire')?.end).toEqual({ date: '2019-36', text: 'fin 2019' });
        expect(byId.get('spoke-01.participates-in.hub')?.modality).toBe('INVITED');
        expect(byId.get('agence.operates.integrateur')).not.toHaveProperty('modality');
        expect(byId.get('agence.operates.integrateur')).not.toHaveProperty('start');
      });

      it('filters relationshipsOf by modality (none stated counts as FACT) and by the date they hold at', async () => {
        const [integrateur, socle] = await store.relationshipsOf(['integrateur', 'socle'], { direction: 'BOTH', modalities: ['FACT'] });
        expect(ids(integrateur!)).toEqual(['agence.operates.integrateur', 'integrateur.depends-on.socle', 'portail.builds-on.integrateur']);
        expect(ids(socle!)).toEqual(['integrateur.depends-on.socle']);
        const [planned] = await store.relationshipsOf(['socle'], { direction: 'OUT', modalities: ['PLANNED', 'PROPOSED'] });
        expect(ids(planned!)).toEqual(['socle.integrates.reseau']);
        const [hub] = await store.relationshipsOf(['hub'], { direction: 'IN', modalities: ['INVITED', 'POSITIONED'] });
        expect(ids(hub!)).toEqual(['beta.contributes-to.hub', 'spoke-01.participates-in.hub']);
        // start: from its first day; end: until its last; at: within it; no time: always.
        const [in2020] = await store.relationshipsOf(['agence'], { direction: 'OUT', validAt: y2020 });
        expect(ids(in2020!)).toEqual(['agence.operates.integrateur', 'agence.operates.portail', 'agence.procures.marche']);
        const [in2019] = await store.relationshipsOf(['agence'], { direction: 'OUT', validAt: may2019 });
        expect(ids(in2019!)).toEqual(['agence.collaborates-with.partenaire', 'agence.operates.integrateur', 'agence.procures.marche']);
        const [awarded2020, awarded2021] = [
          (await store.relationshipsOf(['partenaire'], { direction: 'IN', validAt: ['2020-09-23', '2020-12-20'] }))[0]!,
          (await store.relationshipsOf(['partenaire'], { direction: 'IN', validAt: y2021 }))[0]!,
        ];
        expect(ids(awarded2020)).toEqual(['marche.awarded-to.partenaire']);
        expect(awarded2021).toEqual([]);
        // A relationship with no start holds in any year, the first centuries too.
        const [early] = await store.relationshipsOf(['agence'], { direction: 'OUT', validAt: ['0050-01-01', '0050-12-31'] });
        expect(ids(early!)).toEqual(['agence.collaborates-with.partenaire', 'agence.operates.integrateur', 'agence.procures.marche']);
        const [both] = await store.relationshipsOf(['agence'], { direction: 'OUT', modalities: ['ONGOING'], validAt: y2020 });
        expect(ids(both!)).toEqual(['agence.operates.portail']);
      });

      it('filters the neighbourhood by modality and date, nodes and relationships alike', async () => {
        const facts = await store.neighbourhood('socle', 1, { limit: 100, modalities: ['FACT'] });
        expect(ids(facts.nodes)).toEqual(['integrateur', 'socle']);
        expect(ids(facts.relationships)).toEqual(['integrateur.depends-on.socle']);
        const in2020 = await store.neighbourhood('socle', 1, { limit: 100, validAt: y2020 });
        expect(ids(in2020.nodes)).toEqual(['integrateur', 'socle']);
        const early = await store.neighbourhood('agence', 1, { limit: 100, validAt: ['0050-01-01', '0050-12-31'] });
        expect(ids(early.nodes)).toEqual(['agence', 'integrateur', 'marche', 'partenaire']);
        const in2021 = await store.neighbourhood('socle', 1, { limit: 100, validAt: y2021 });
        expect(ids(in2021.nodes)).toEqual(['integrateur', 'reseau', 'socle']);
        // appli's only relationship is proposed: with facts only, it is out of reach.
        const two = await store.neighbourhood('integrateur', 1, { limit: 100, modalities: ['FACT'], types: ['DEPENDS_ON', 'OPERATES'] });
        expect(ids(two.nodes)).toEqual(['agence', 'integrateur', 'socle']);
        expect(ids(two.relationships)).toEqual(['agence.operates.integrateur', 'integrateur.depends-on.socle']);
      });

      it('filters dependencies by modality and date', async () => {
        const down = await store.dependencies('socle', 'DOWNSTREAM', 5, { limit: 100, modalities: ['FACT'] });
        expect(ids(down.nodes)).toEqual(['integrateur', 'portail', 'socle']);
        expect(ids(down.relationships)).toEqual(['integrateur.depends-on.socle', 'portail.builds-on.integrateur']);
        const upIn2020 = await store.dependencies('portail', 'UPSTREAM', 5, { limit: 100, validAt: y2020 });
        expect(ids(upIn2020.nodes)).toEqual(['integrateur', 'portail', 'socle']);
        const planned = await store.dependencies('reseau', 'DOWNSTREAM', 5, { limit: 100, modalities: ['PLANNED'] });
        expect(ids(planned.nodes)).toEqual(['reseau', 'socle']);
        expect(ids(planned.relationships)).toEqual(['socle.integrates.reseau']);
      });

      it('finds shortest paths through the modalities and dates asked only', async () => {
        expect((await store.shortestPath('appli', 'partenaire', 6, {}))!.nodes.map((n) => n.id)).toEqual(['appli', 'integrateur', 'agence', 'partenaire']);
        expect(await store.shortestPath('appli', 'partenaire', 6, { modalities: ['FACT'] })).toBeNull();
        const ongoing = await store.shortestPath('portail', 'partenaire', 6, { modalities: ['FACT', 'ONGOING'] });
        expect(ongoing!.nodes.map((n) => n.id)).toEqual(['portail', 'agence', 'partenaire']);
        // Without the ongoing operation, the way goes round through integrateur.
        const facts = await store.shortestPath('portail', 'partenaire', 6, { modalities: ['FACT'] });
        expect(facts!.nodes.map((n) => n.id)).toEqual(['portail', 'integrateur', 'agence', 'partenaire']);
        // In 2020 the collaboration had ended: the way goes through the contract awarded that year.
        const in2020 = await store.shortestPath('portail', 'partenaire', 6, { validAt: y2020 });
        expect(in2020!.nodes.map((n) => n.id)).toEqual(['portail', 'agence', 'marche', 'partenaire']);
        expectConnected(in2020!);
        expect(await store.shortestPath('portail', 'partenaire', 6, { validAt: y2021 })).toBeNull();
      });

      it('loads a changed modality or time of a kept relationship, and refuses a modality outside the vocabulary', async () => {
        const changed = {
          ...fixture,
          version: 'fixture-modality',
          relationships: fixture.relationships.map((r) =>
            r.id === 'agence.procures.marche' ? { ...r, modality: 'PLANNED' as const, at: { date: '2022-05' } } : r.id === 'socle.integrates.reseau' ? { ...r, modality: undefined, start: undefined } : r),
        };
        const clean = { ...changed, relationships: changed.relationships.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as typeof r) };
        await store.replaceGraph(clean);
        const [agence, socle] = await store.relationshipsOf(['agence', 'socle'], { direction: 'OUT' });
        expect(agence!.find((r) => r.id === 'agence.procures.marche')).toMatchObject({ modality: 'PLANNED', at: { date: '2022-05' } });
        const integrates = socle!.find((r) => r.id === 'socle.integrates.reseau');
        expect(integrates).not.toHaveProperty('modality');
        expect(integrates).not.toHaveProperty('start');
        const bad = { ...fixture, version: 'bad', relationships: fixture.relationships.map((r, i) => (i === 0 ? { ...r, modality: 'MAYBE' as never } : r)) };
        await expect(store.replaceGraph(bad)).rejects.toBeInstanceOf(GraphRefusedError);
        await store.replaceGraph(fixture);
        const [socleAgain] = await store.relationshipsOf(['socle'], { direction: 'OUT' });
        expect(socleAgain![0]).toEqual(fixtureRel('socle.integrates.reseau'));
      });
    });

    describe('orders', () => {
      const graph = orderingGraph();
      const everyId = graph.entities.map((e) => e.id);
      beforeAll(() => store.replaceGraph(graph));

      it('uses ids on which code-point order, localeCompare and UTF-16 order disagree', () => {
        expect([...CODE_POINT_ORDER].sort(compareIds)).toEqual(CODE_POINT_ORDER);
        expect([...CODE_POINT_ORDER].sort((a, b) => a.localeCompare(b))).not.toEqual(CODE_POINT_ORDER);
        expect([...CODE_POINT_ORDER].sort()).not.toEqual(CODE_POINT_ORDER);
      });

      it('lists entities in code-point order of their ids, page after page', async () => {
        const all = [...everyId].sort(compareIds);
        expect((await store.listEntities({ first: 100 })).entities.map((e) => e.id)).toEqual(all);
        const pages: string[] = [];
        let after: string | undefined;
        for (let page = await store.listEntities({ first: 4 }); ; page = await store.listEntities({ first: 4, after })) {
          pages.push(...page.entities.map((e) => e.id));
          if (!page.hasMore) break;
          after = page.entities.at(-1)!.id;
        }
        expect(pages).toEqual(all);
      });

      it('gives a subgraph\'s nodes by distance from the start, then id, and its relationships by id', async () => {
        const sub = await store.neighbourhood('start', 2, { limit: 100 });
        expect(sub.nodes.map((n) => n.id)).toEqual(['start', ...CODE_POINT_ORDER, ...FAR]);
        expect(sub.relationships.map((r) => r.id)).toEqual(graph.relationships.map((r) => r.id).sort(compareIds));
        const cut = await store.neighbourhood('start', 2, { limit: 4 });
        expect(cut.nodes.map((n) => n.id)).toEqual(['start', 'Zeta', 'a-b', 'aB']);
        const down = await store.dependencies('start', 'DOWNSTREAM', 3, { limit: 100 });
        const dependants = graph.relationships.filter((r) => r.type === 'DEPENDS_ON' && r.to === 'start').map((r) => r.from);
        expect(down.nodes.map((n) => n.id)).toEqual(['start', ...dependants.sort(compareIds)]);
      });

      it('gives an entity\'s relationships by type, then id, in code-point order', async () => {
        const [both] = await store.relationshipsOf(['start'], { direction: 'BOTH' });
        const expected = graph.relationships
          .filter((r) => r.from === 'start' || r.to === 'start')
          .sort((a, b) => compareIds(a.type, b.type) || compareIds(a.id, b.id))
          .map((r) => `${r.type} ${r.id}`);
        expect(both!.map((r) => `${r.type} ${r.id}`)).toEqual(expected);
        // PARTICIPATES_IN before PART_OF: 'I' comes before '_'.
        expect([...new Set(both!.map((r) => r.type))]).toEqual(['DEPENDS_ON', 'PARTICIPATES_IN', 'PART_OF', 'USES']);
      });

      it('breaks ties between equal search hits by id', async () => {
        const hits = await store.search('Même nom', 100);
        expect(new Set(hits.map((h) => h.score)).size).toBe(1);
        expect(hits.map((h) => h.entity.id)).toEqual(everyId.filter((id) => id !== 'start').sort(compareIds));
        expect((await store.search('meme nom', 3)).map((h) => h.entity.id)).toEqual(['Far', 'Zeta', 'a-b']);
      });
    });

    describe('the lock', () => {
      const seedDir = join(PROJECT_ROOT, 'seed');
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      let other: GraphStore;
      beforeAll(async () => {
        other = await factory.another();
      });
      afterAll(() => other?.close());
      beforeEach(() => store.replaceGraph(fixture));

      it('loads the seed once when two stores on one database ensure it at the same time', async () => {
        const a = countCalls(store);
        const b = countCalls(other);
        const results = await Promise.all([ensureSeed(a.store, seedDir), ensureSeed(b.store, seedDir)]);
        expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
        expect((a.calls.replaceGraph ?? 0) + (b.calls.replaceGraph ?? 0)).toBe(1);
        expect(results[0]!.version).toBe(results[1]!.version);
        expect(await other.graphVersion()).toBe(results[0]!.version);
        expect(await store.stats()).toEqual(await other.stats());
        // Once loaded, ensuring it again takes no lock and loads nothing.
        a.reset();
        expect(await ensureSeed(a.store, seedDir)).toEqual({ loaded: false, version: results[0]!.version, datasets: [], skipped: [] });
        expect(a.calls).toEqual({ datasetHeads: 1, lastChange: 1, graphVersion: 1 });
      }, 60_000);

      it.each([
        ['another store on the database', () => other],
        ['the same store', () => store],
      ])('lets one holder in at a time, from %s, the next once the first is done, even when it failed', async (_name, second) => {
        const order: string[] = [];
        const first = store.withLock('contract', async () => {
          order.push('first in');
          await sleep(400);
          order.push('first out');
          throw new Error('the first holder failed');
        });
        await sleep(50);
        const next = second().withLock('contract', async () => {
          order.push('second in');
          return 'second done';
        });
        await expect(first).rejects.toThrow('the first holder failed');
        await expect(next).resolves.toBe('second done');
        expect(order).toEqual(['first in', 'first out', 'second in']);
      });

      it('gives up after waitMs with StoreUnavailableError naming the lock, without running its work', async () => {
        let ran = false;
        let released = false;
        const holding = store.withLock('contract', () => sleep(1500)).then(() => (released = true));
        await sleep(50);
        const error = await other.withLock('contract', async () => (ran = true), { waitMs: 300 }).catch((e) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error.message).toMatch(/Waited 300 ms for the "contract" lock/);
        // It gave up while the lock was still held, rather than once it was released.
        expect(released).toBe(false);
        expect(ran).toBe(false);
        await holding;
        await expect(other.withLock('contract', async () => 'free again', { waitMs: 300 })).resolves.toBe('free again');
      });

      it('keeps the graph when a load under it fails, and a load that succeeded when the work fails afterwards', async () => {
        const before = await store.stats();
        const broken = { ...fixture, version: 'broken', relationships: [{ ...fixture.relationships[0]!, to: 'nowhere' }] };
        await expect(store.withLock('contract', () => store.replaceGraph(broken))).rejects.toBeInstanceOf(GraphRefusedError);
        expect(await other.stats()).toEqual(before);
        expect(await other.graphVersion()).toBe('fixture-1');
        const next = { ...fixture, version: 'fixture-2' };
        const failing = store.withLock('contract', async () => {
          await store.replaceGraph(next);
          throw new Error('after the load');
        });
        await expect(failing).rejects.toThrow('after the load');
        expect(await other.graphVersion()).toBe('fixture-2');
      });
    });

    describe('once closed', () => {
      it('rejects every call with StoreUnavailableError', async () => {
        const closed = await factory.another();
        await closed.close();
        const calls: [string, () => Promise<unknown>][] = [
          ...everyRead(closed, {}),
          ['replaceGraph', () => closed.replaceGraph(fixture)],
          ['graphVersion', () => closed.graphVersion()],
          ['stats', () => closed.stats()],
          ['ping', () => closed.ping()],
        ];
        for (const [name, call] of calls) {
          const error = await call().then(() => undefined, (e: unknown) => e);
          if (!(error instanceof StoreUnavailableError)) expect({ name, error }).toEqual({ name, error: expect.any(StoreUnavailableError) });
          expect((error as Error).message).toMatch(/closed/);
        }
        // Closing twice is harmless.
        await expect(closed.close()).resolves.toBeUndefined();
      });
    });

    describe('deadlines', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('rejects every read with TimeoutError when its signal has already aborted, or its deadline passed', async () => {
        for (const call of [{ signal: AbortSignal.abort() }, { deadline: Date.now() - 1 }]) {
          for (const [name, read] of everyRead(store, call)) {
            const error = await read().then(() => undefined, (e: unknown) => e);
            if (!(error instanceof TimeoutError)) expect({ name, call, error }).toEqual({ name, call, error: expect.any(TimeoutError) });
            expect((error as Error).message).toMatch(/deadline passed/);
          }
        }
      });

      it('answers every read whose deadline is ahead', async () => {
        const call = { signal: new AbortController().signal, deadline: Date.now() + 30_000 };
        for (const [, read] of everyRead(store, call)) await expect(read()).resolves.toBeDefined();
      });

      describe('on a big graph', () => {
        const big = hubGraph();
        beforeAll(() => store.replaceGraph(big), 120_000);

        it('stops a walk when its signal aborts midway, and walks it whole otherwise', async () => {
          const controller = new AbortController();
          // Queued before the call: it runs at the first pause of the walk, once the walk has started.
          setImmediate(() => controller.abort());
          const error = await store.neighbourhood('leaf-00000', 3, { limit: 1000 }, { signal: controller.signal }).catch((e) => e);
          expect(error).toBeInstanceOf(TimeoutError);
          expect(error.message).toContain('the neighbourhood of "leaf-00000"');
          const whole = await store.neighbourhood('leaf-00000', 3, { limit: 1000 }, { signal: new AbortController().signal });
          expect(whole.nodes).toHaveLength(1000);
          expect(whole.truncated).toBe(true);
        });
      });
    });

    describe('loading a graph', () => {
      beforeEach(() => store.replaceGraph(fixture));

      it('changes nothing when the same graph is loaded twice', async () => {
        const before = await store.stats();
        await store.replaceGraph(fixture);
        expect(await store.stats()).toEqual(before);
        expect(await store.graphVersion()).toBe('fixture-1');
        const [out] = await store.relationshipsOf(['agence'], { direction: 'OUT' });
        expect(out).toHaveLength(4);
      });

      it('holds exactly the new graph after a replace, and answers for it', async () => {
        const seed = loadSeed(join(PROJECT_ROOT, 'seed'));
        await store.replaceGraph(seed);
        expect(await store.stats()).toEqual({ entities: seed.entities.length, relationships: seed.relationships.length });
        expect(await store.getEntities(['agence'])).toEqual([null]);
        expect(await store.graphVersion()).toBe(seed.version);
        const down = await store.dependencies('fidus', 'DOWNSTREAM', 5, { limit: 100 });
        expect(ids(down.nodes)).toEqual(expect.arrayContaining(['fidus', 'plateforme-crm-regionale', 'plateforme-regionale-d-echange-de-donnees']));
        expect((await store.search('numerique', 10)).map((h) => h.entity.id)).toContain('printemps-du-numerique');
      });

      it('refuses (GraphRefusedError) a graph with a dangling relationship, an id held twice or a type outside the vocabulary, and keeps the graph it holds', async () => {
        const before = await store.stats();
        const [agence] = await store.getEntities(['agence']);
        const dangling = {
          ...fixture,
          version: 'broken-1',
          relationships: [...fixture.relationships, { ...fixture.relationships[0]!, id: 'agence.depends-on.nowhere', type: 'DEPENDS_ON' as const, from: 'agence', to: 'nowhere' }],
        };
        await expect(store.replaceGraph(dangling)).rejects.toThrow(/agence\.depends-on\.nowhere \(agence -> nowhere\).*nothing was loaded/);
        await expect(store.replaceGraph(dangling)).rejects.toBeInstanceOf(GraphRefusedError);
        const twice = { ...fixture, version: 'broken-2', relationships: [...fixture.relationships, fixture.relationships[1]!] };
        await expect(store.replaceGraph(twice)).rejects.toThrow(/relationship id .* twice; nothing was loaded/);
        await expect(store.replaceGraph(twice)).rejects.toBeInstanceOf(GraphRefusedError);
        const twiceEntity = { ...fixture, version: 'broken-3', entities: [...fixture.entities, { ...fixture.entities[1]!, name: 'Other' }] };
        await expect(store.replaceGraph(twiceEntity)).rejects.toThrow(/entity id "agence" twice/);
        const unknownType = { ...fixture, version: 'broken-4', relationships: [{ ...fixture.relationships[0]!, type: 'LIKES' as never }] };
        const refused = await store.replaceGraph(unknownType).catch((e) => e);
        expect(refused).toBeInstanceOf(GraphRefusedError);
        expect(refused.message).toContain('"LIKES"');
        expect(await store.stats()).toEqual(before);
        expect(await store.graphVersion()).toBe('fixture-1');
        expect(await store.getEntities(['agence'])).toEqual([agence]);
      });

      it('answers ping while open', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
