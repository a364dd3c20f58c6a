import type { App } from '../../src/http/app';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';
import { readmeQuestions } from '../helpers/readme';
import { sourceText, sourcesDir } from '../helpers/sources';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';

/** Every `quote` anywhere in a result. */
function quotes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(quotes);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'quote' && typeof v === 'string' ? [v] : quotes(v)));
  }
  return [];
}

const names = (xs: { name: string }[]) => xs.map((x) => x.name);

/**
 * The README's five queries, run through the API against a store holding the seed,
 * each answer checked against what the document says.
 */
export function describeQuestions(kind: string, open: () => Promise<GraphStore>): void {
  describe(`The MP's five questions (README queries) [store: ${kind}]`, () => {
    const questions = readmeQuestions();
    let store: GraphStore;
    let app: App;
    const answers = new Map<number, any>();

    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
      app = appFor(store);
      for (const [n, q] of questions) {
        const result = await query(app, q);
        expect(result.errors).toBeUndefined();
        answers.set(n, result.data);
      }
    });
    afterAll(async () => store && (await store.close()));

    it('finds five queries in the README', () => {
      expect([...questions.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    });

    it('1: the minister, his remits, the local-authorities project and its objectives', () => {
      const { minister, smartCity } = answers.get(1);
      expect(minister.properties.remits).toEqual(expect.arrayContaining(['Pouvoirs locaux', 'Transition numérique']));
      const project = minister.relationships.find((r: any) => r.type === 'RESPONSIBLE_FOR' && r.to.name === 'informatisation des pouvoirs locaux');
      expect(project.to.properties.objective).toContain('améliorer la gestion de la relation citoyenne (Citizen Relationship Management; CRM)');
      expect(minister.relationships.find((r: any) => r.type === 'MANDATES').to.name).toBe('CIRB');
      expect(names(smartCity.contributions.map((c: any) => c.from))).toEqual(
        expect.arrayContaining(['IRISbox', 'Fidus', 'Fix My Street', 'Nova', 'Build Your Permit', 'UrbIS']),
      );
    });

    it('2: what starts this autumn: the Printemps du Numérique, the Smart People workshops, My Brussels at year end', () => {
      const { initiatives, platforms } = answers.get(2);
      expect(names(initiatives.nodes)).toEqual(
        expect.arrayContaining(['Printemps du Numérique', 'workshops « Smart People »']),
      );
      expect(names(initiatives.nodes)).not.toContain('Brussels Hacks the Crisis'); // mai 2020
      expect(names(initiatives.nodes)).not.toContain('programme de projets CRM pour le SPRB'); // 2021
      expect(names(platforms.nodes)).toContain('My Brussels');
    });

    it('3: each initiative with its calendar, objectives and budget', () => {
      const nodes = answers.get(3).entities.nodes;
      const byName = new Map(nodes.map((n: any) => [n.name, n]));
      expect((byName.get('Brussels Hacks the Crisis') as any).properties.start).toEqual({ date: '2020-05', text: 'mai 2020' });
      expect((byName.get('programme de projets CRM pour le SPRB') as any).properties.launch.date).toBe('2021');
      const gartner = byName.get('mission confiée par le CIRB à Gartner') as any;
      expect(gartner.paidBy[0].from.amount).toEqual({ value: 220000, currency: 'EUR', vat: 'EXCLUDED', estimated: false, text: '220K HTVA' });
      const printemps = byName.get('Printemps du Numérique') as any;
      expect(printemps.paidBy.map((p: any) => p.from.amount?.value)).toContain(125000);
    });

    it('4: what was outsourced, to whom, at what cost', () => {
      const contracts = answers.get(4).entities.nodes;
      const gartner = contracts.find((c: any) => c.amount?.value === 220000);
      expect(gartner.amount.vat).toBe('EXCLUDED');
      expect(gartner.relationships.find((r: any) => r.type === 'AWARDED_TO').to.name).toBe('Gartner');
      expect(gartner.relationships.find((r: any) => r.type === 'PROCURES').from.name).toBe('CIRB');
      const awardedTo = contracts.flatMap((c: any) => c.relationships.filter((r: any) => r.type === 'AWARDED_TO').map((r: any) => r.to.name));
      expect(awardedTo).toEqual(expect.arrayContaining(['Gartner', 'KPMG-Common Ground-Sopra Steria']));
    });

    it('5: how CIRB and SPRB take part, with the quotes that say so', () => {
      const { cirb, sprb } = answers.get(5);
      const withBcit = cirb.relationships.find((r: any) => r.type === 'COLLABORATES_WITH' && [r.from.name, r.to.name].includes('Bruxelles ConnectIT'));
      expect(quotes(withBcit)).toContain('le CIRB et Bruxelles ConnectIT ont signé un protocole de collaboration');
      expect(cirb.relationships.filter((r: any) => r.type === 'CONSULTS').map((r: any) => r.to.name)).toEqual(
        expect.arrayContaining(['BPL', 'Easybrussels', 'Brulocalis']),
      );
      expect(sprb.relationships.some((r: any) => r.from.name === 'programme de projets CRM pour le SPRB')).toBe(true);
    });

    it('quotes every fact of every answer verbatim from the document', () => {
      const all = [...answers.values()].flatMap(quotes);
      expect(all.length).toBeGreaterThan(30);
      const dir = sourcesDir();
      if (!dir) return;
      const text = sourceText(dir, 'question-412-smart-city-2020.fr.txt');
      for (const q of all) expect(text).toContain(q.replace(/\s+/g, ' '));
    });
  });
}
