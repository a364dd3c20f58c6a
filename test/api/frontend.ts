import { join } from 'node:path';
import type { App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';

interface Hop {
  node: { id: string };
  distance: number;
  via: { id: string; from: { id: string }; to: { id: string } } | null;
}
interface PathOut {
  length: number;
  nodes: { id: string }[];
  relationships: { id: string; label: string }[];
}
const BIBLIOGRAPHIC = 'DESCRIBED_IN, AUTHORED, ADDRESSED_TO, ANSWERED, PUBLISHED_BY, CONCERNS';

/** What a frontend reads without writing glue: edge labels, hop numbers and the chain to each node, batches, every shortest path, filtered views. */
export function describeFrontend(kind: string, open: () => Promise<GraphStore>): void {
  describe(`a frontend-ready API on the seed [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
      app = appFor(store);
    });
    afterAll(async () => store && (await store.close()));

    it('labels each relationship in plain words, French by default, English on request, its modality in brackets', async () => {
      const { data, errors } = await query<{ node: { relationships: { id: string; fr: string; default: string; en: string }[] } }>(
        app,
        '{ node(id: "cirb") { relationships(direction: OUT, types: [OPERATES, MANDATES]) { id fr: label(language: "fr") default: label en: label(language: "EN") } } }',
      );
      expect(errors).toBeUndefined();
      const byId = new Map(data!.node.relationships.map((r) => [r.id, r]));
      expect(byId.get('cirb.mandates.gartner')).toEqual({ id: 'cirb.mandates.gartner', fr: 'mandate', default: 'mandate', en: 'mandates' });
      const fidus = await query<{ dependencies: { hops: { via: { fr: string; en: string } | null }[] } }>(
        app,
        '{ dependencies(id: "fidus", direction: DOWNSTREAM) { hops { via { fr: label en: label(language: "en") } } } }',
      );
      expect(fidus.data!.dependencies.hops.map((h) => h.via)).toEqual([
        null,
        { fr: 'intègre (en cours)', en: 'integrates (ongoing)' },
        { fr: 'repose sur (proposé)', en: 'builds on (proposed)' },
      ]);
      const bad = await query(app, '{ node(id: "cirb") { relationships(types: [MANDATES]) { label(language: "de") } } }');
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'language' });
      expect(bad.errors?.[0]?.message).toMatch(/fr, en/);
    });

    it('gives what breaks if Fidus is down with each node\'s hop and the relationship that reaches it', async () => {
      const { data, errors } = await query<{ dependencies: { nodes: { id: string }[]; hops: Hop[] } }>(
        app,
        '{ dependencies(id: "fidus", direction: DOWNSTREAM) { nodes { id } hops { node { id } distance via { id from { id } to { id } } } } }',
      );
      expect(errors).toBeUndefined();
      const { nodes, hops } = data!.dependencies;
      expect(hops.map((h) => h.node.id)).toEqual(nodes.map((n) => n.id));
      expect(hops.map((h) => `${h.node.id} ${h.distance} ${h.via?.id ?? '-'}`)).toEqual([
        'fidus 0 -',
        'plateforme-crm-regionale 1 plateforme-crm-regionale.integrates.fidus',
        'plateforme-regionale-d-echange-de-donnees 1 plateforme-regionale-d-echange-de-donnees.builds-on.fidus',
      ]);
      // Downstream, each via points from the dependant to what it relies on.
      for (const h of hops.slice(1)) expect([h.via!.from.id, h.via!.to.id]).toEqual([h.node.id, 'fidus']);
    });

    it('reads a batch of ids as `node` does, in the order asked, null for an unknown one and no error', async () => {
      const { data, errors } = await query<{ nodes: ({ id: string; label: string } | null)[] }>(app, '{ nodes(ids: ["cirb", "FIDUS", "nope"]) { id label } }');
      expect(errors).toBeUndefined();
      expect(data!.nodes).toEqual([{ id: 'cirb', label: 'CIRB' }, { id: 'fidus', label: 'Fidus' }, null]);
      const many = await query(app, `{ nodes(ids: ${JSON.stringify(Array.from({ length: 101 }, (_, i) => `id-${i}`))}) { id } }`);
      expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    });

    it('finds every shortest path between Gartner and the minister, in the order of their relationship ids', async () => {
      const { data, errors } = await query<{ shortestPaths: PathOut[] }>(
        app,
        '{ shortestPaths(from: "gartner", to: "bernard-clerfayt") { length nodes { id } relationships { id label } } }',
      );
      expect(errors).toBeUndefined();
      expect(data!.shortestPaths).toEqual([
        {
          length: 2,
          nodes: [{ id: 'gartner' }, { id: 'cirb' }, { id: 'bernard-clerfayt' }],
          relationships: [{ id: 'cirb.mandates.gartner', label: 'mandate' }, { id: 'bernard-clerfayt.mandates.cirb', label: 'mandate' }],
        },
        {
          length: 2,
          nodes: [{ id: 'gartner' }, { id: 'cirb' }, { id: 'bernard-clerfayt' }],
          relationships: [{ id: 'gartner.supports.cirb', label: 'soutient (en cours)' }, { id: 'bernard-clerfayt.mandates.cirb', label: 'mandate' }],
        },
      ]);
      const one = await query<{ shortestPaths: PathOut[] }>(app, '{ shortestPaths(from: "Gartner", to: "bernard-clerfayt", first: 1) { length } }');
      expect(one.data!.shortestPaths).toEqual([{ length: 2 }]);
      const none = await query<{ shortestPaths: PathOut[] }>(app, '{ shortestPaths(from: "gartner", to: "bernard-clerfayt", maxDepth: 1) { length } }');
      expect(none.data!.shortestPaths).toEqual([]);
      const unknown = await query(app, '{ shortestPaths(from: "gartnr", to: "bernard-clerfayt") { length } }');
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
      expect((unknown.errors?.[0]?.extensions as { suggestions?: string[] }).suggestions).toContain('gartner');
      const tooMany = await query(app, '{ shortestPaths(from: "gartner", to: "cirb", first: 101) { length } }');
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });

    it('leaves the bibliographic relationships out of a neighbourhood, and the documents only they reach', async () => {
      const q = (exclude: string) =>
        query<{ neighbourhood: { nodes: { id: string; __typename: string }[]; relationships: { type: string }[]; hops: Hop[] } }>(
          app,
          `{ neighbourhood(id: "cirb"${exclude}) { nodes { id __typename } relationships { type } hops { node { id } distance via { id } } } }`,
        );
      const all = (await q('')).data!.neighbourhood;
      const { data, errors } = await q(`, excludeTypes: [${BIBLIOGRAPHIC}]`);
      expect(errors).toBeUndefined();
      const kept = data!.neighbourhood;
      const excluded = BIBLIOGRAPHIC.split(', ');
      expect(all.relationships.some((r) => excluded.includes(r.type))).toBe(true);
      expect(all.nodes.some((n) => n.__typename === 'Document')).toBe(true);
      expect(kept.relationships.filter((r) => excluded.includes(r.type))).toEqual([]);
      expect(kept.nodes.filter((n) => n.__typename === 'Document')).toEqual([]);
      expect(kept.nodes.length).toBeLessThan(all.nodes.length);
      expect(kept.hops.map((h) => h.distance)).toEqual([0, ...kept.nodes.slice(1).map(() => 1)]);
      expect(kept.hops.slice(1).every((h) => h.via !== null)).toBe(true);
      const own = await query<{ node: { relationships: { type: string }[] } }>(app, `{ node(id: "cirb") { relationships(excludeTypes: [${BIBLIOGRAPHIC}]) { type } } }`);
      const types = own.data!.node.relationships.map((r) => r.type);
      expect(types.length).toBeGreaterThan(0);
      expect(types.filter((t) => excluded.includes(t))).toEqual([]);
    });

    it('weighs shortestPaths in the traversal budget', async () => {
      const aliases = Array.from({ length: 6 }, (_, i) => `p${i}: shortestPaths(from: "gartner", to: "cirb", maxDepth: 10, first: 100) { length }`).join(' ');
      const { errors } = await query(app, `{ ${aliases} }`);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'traversalCost' });
    });
  });
}
