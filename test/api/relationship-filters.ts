import { join } from 'node:path';
import type { App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';
import { fixture } from '../contract/fixture';
import { appFor, query } from '../helpers/api';

interface Rel {
  id: string;
  type: string;
  modality: string;
  start: { date: string; text: string | null } | null;
  end: { date: string; text: string | null } | null;
  at: { date: string; text: string | null } | null;
  from: { id: string };
  to: { id: string };
}
const REL = 'id type modality start { date text } end { date text } at { date text } from { id } to { id }';
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/**
 * `Relationship.modality`, `start`, `end`, `at` and the `modalities` and `validAt`
 * arguments, through the whole API: on the seed (its modalities) and on the contract
 * fixture (its times).
 */
export function describeRelationshipFilters(kind: string, open: () => Promise<GraphStore>): void {
  describe(`relationship modality and time through the API [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    beforeAll(async () => {
      store = await open();
      app = appFor(store);
    });
    afterAll(async () => store && (await store.close()));

    describe('on the seed', () => {
      beforeAll(() => store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed'))));

      it('says how the text states each relationship, FACT when it says nothing else', async () => {
        const r = await query<{ node: { relationships: Rel[] } }>(app, `{ node(id: "cirb") { relationships(direction: OUT) { ${REL} } } }`);
        expect(r.errors).toBeUndefined();
        const byId = new Map(r.data!.node.relationships.map((x) => [x.id, x]));
        expect(byId.get('cirb.acts-as.regional-data-office')).toMatchObject({ modality: 'POSITIONED', start: null, end: null, at: null });
        expect(byId.get('cirb.launches.my-brussels')).toMatchObject({ modality: 'PLANNED', at: { date: '2020-36', text: 'fin d’année' } });
        expect(byId.get('cirb.organises.printemps-du-numerique')).toMatchObject({ modality: 'PLANNED', at: { date: '2020-23', text: 'cet automne' } });
        expect(byId.get('cirb.procures.marche-gartner')?.modality).toBe('FACT');
        // In 2021 the autumn and year-end plans of 2020 no longer hold; the untimed facts do.
        const later = await query<{ node: { relationships: Rel[] } }>(app, `{ node(id: "cirb") { relationships(direction: OUT, validAt: "2021") { ${REL} } } }`);
        const in2021 = later.data!.node.relationships.map((x) => x.id);
        expect(in2021).toContain('cirb.procures.marche-gartner');
        expect(in2021).not.toContain('cirb.launches.my-brussels');
        expect(in2021).not.toContain('cirb.organises.printemps-du-numerique');
      });

      it('keeps only the modalities asked on relationships, neighbourhood, dependencies and shortestPath', async () => {
        const r = await query<{
          invited: { relationships: Rel[] };
          hood: { nodes: { id: string }[]; relationships: Rel[] };
          facts: { nodes: { id: string }[] };
          ongoing: { nodes: { id: string }[] };
          positioned: { length: number } | null;
          none: { length: number } | null;
        }>(
          app,
          `{
            invited: node(id: "smart-city-office") { relationships(direction: IN, modalities: [INVITED]) { ${REL} } }
            hood: neighbourhood(id: "smart-city-office", modalities: [INVITED]) { nodes { id } relationships { ${REL} } }
            facts: dependencies(id: "fidus", direction: DOWNSTREAM, modalities: [FACT]) { nodes { id } }
            ongoing: dependencies(id: "fidus", direction: DOWNSTREAM, modalities: [FACT, ONGOING]) { nodes { id } }
            positioned: shortestPath(from: "cirb", to: "regional-data-office", modalities: [POSITIONED]) { length }
            none: shortestPath(from: "cirb", to: "regional-data-office", maxDepth: 3, modalities: [INVITED]) { length }
          }`,
        );
        expect(r.errors).toBeUndefined();
        const invitees = ['bruxelles-environnement', 'bruxelles-mobilite', 'digital-transformation-office', 'easybrussels'];
        expect(r.data!.invited.relationships.map((x) => x.from.id).sort()).toEqual(invitees);
        expect(new Set(r.data!.invited.relationships.map((x) => x.modality))).toEqual(new Set(['INVITED']));
        expect(ids(r.data!.hood.nodes)).toEqual([...invitees, 'smart-city-office'].sort());
        expect(new Set(r.data!.hood.relationships.map((x) => x.modality))).toEqual(new Set(['INVITED']));
        // The CRM platform integrates Fidus (ongoing); the exchange platform is to build on it (proposed).
        expect(ids(r.data!.facts.nodes)).toEqual(['fidus']);
        expect(ids(r.data!.ongoing.nodes)).toEqual(['fidus', 'plateforme-crm-regionale']);
        expect(r.data!.positioned).toEqual({ length: 1 });
        expect(r.data!.none).toBeNull();
      });

      it('refuses a validAt that is no partial date, naming the argument', async () => {
        const r = await query(app, '{ neighbourhood(id: "cirb", validAt: "autumn") { nodes { id } } }');
        expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'validAt' } });
      });
    });

    describe('on the contract fixture', () => {
      beforeAll(() => store.replaceGraph(fixture));

      it('gives start, end and at as partial dates, and keeps those holding at validAt', async () => {
        const r = await query<{
          agence: { all: Rel[]; in2019: Rel[]; in2020: Rel[] };
          hood2021: { nodes: { id: string }[] };
          hood2020: { nodes: { id: string }[] };
          up2020: { nodes: { id: string }[] };
          path2020: { nodes: { id: string }[] } | null;
          path2021: { nodes: { id: string }[] } | null;
        }>(
          app,
          `{
            agence: node(id: "agence") {
              all: relationships(direction: OUT) { ${REL} }
              in2019: relationships(direction: OUT, validAt: "2019-05") { ${REL} }
              in2020: relationships(direction: OUT, validAt: "2020") { ${REL} }
            }
            hood2021: neighbourhood(id: "socle", validAt: "2021") { nodes { id } }
            hood2020: neighbourhood(id: "socle", validAt: "2020-23") { nodes { id } }
            up2020: dependencies(id: "portail", direction: UPSTREAM, validAt: "2020") { nodes { id } }
            path2020: shortestPath(from: "portail", to: "partenaire", validAt: "2020") { nodes { id } }
            path2021: shortestPath(from: "portail", to: "partenaire", validAt: "2021") { nodes { id } }
          }`,
        );
        expect(r.errors).toBeUndefined();
        const d = r.data!;
        const byId = new Map(d.agence.all.map((x) => [x.id, x]));
        expect(byId.get('agence.operates.portail')).toMatchObject({ modality: 'ONGOING', start: { date: '2020-05', text: 'mai 2020' }, end: null, at: null });
        expect(byId.get('agence.collaborates-with.partenaire')).toMatchObject({ modality: 'FACT', end: { date: '2019-36', text: 'fin 2019' } });
        expect(ids(d.agence.in2019)).toEqual(['agence.collaborates-with.partenaire', 'agence.operates.integrateur', 'agence.procures.marche']);
        expect(ids(d.agence.in2020)).toEqual(['agence.operates.integrateur', 'agence.operates.portail', 'agence.procures.marche']);
        expect(ids(d.hood2021.nodes)).toEqual(['integrateur', 'reseau', 'socle']);
        expect(ids(d.hood2020.nodes)).toEqual(['integrateur', 'socle']);
        expect(ids(d.up2020.nodes)).toEqual(['integrateur', 'portail', 'socle']);
        expect(d.path2020!.nodes.map((n) => n.id)).toEqual(['portail', 'agence', 'marche', 'partenaire']);
        expect(d.path2021).toBeNull();
      });
    });
  });
}
