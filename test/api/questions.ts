import type { App } from '../../src/http/app';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';
import { readmeQuestions } from '../helpers/readme';
import { itWithSources, sourceText } from '../helpers/sources';
import { readFileSync } from 'node:fs';
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

interface Named {
  label: string;
}
interface Source {
  quote: string;
  section: string;
}
interface Money {
  value: number;
  currency: string;
  vat: string;
  estimated?: boolean;
  text: string;
}
interface PartialDate {
  date: string;
  text: string | null;
}
interface Relationship<To = Named> {
  type: string;
  modality?: string;
  start?: PartialDate | null;
  at?: PartialDate | null;
  from: Named;
  to: To;
  sources?: Source[];
}
type Properties = Record<string, unknown>;

/** The shapes of the README queries' answers, as far as the tests read them. */
interface Answers {
  1: {
    minister: { label: string; properties: { remits: string[] }; relationships: Relationship<Named & { properties: { objective?: string[] } }>[] };
    smartCity: { label: string; contributions: { modality: string; from: Named & { type: string; properties: Properties } }[] };
  };
  2: { initiatives: { nodes: (Named & { plannedBy: Relationship[] })[] }; platforms: { nodes: (Named & { plannedBy: Relationship[] })[] } };
  3: {
    entities: {
      totalCount: number;
      nodes: (Named & {
        category: string;
        properties: Properties;
        paidBy: { from: Named & { amount?: Money | null } }[];
        doneBy: Relationship[];
      })[];
    };
  };
  4: { entities: { nodes: (Named & { amount?: Money | null; relationships: Relationship[] })[] } };
  5: { cirb: Named & { relationships: Relationship[] }; sprb: Named & { relationships: Relationship[] } };
}

const names = (xs: Named[]) => xs.map((x) => x.label);

/**
 * The README's five queries, run through the API against a store holding the seed,
 * each answer checked against what the document says.
 */
export function describeQuestions(kind: string, open: () => Promise<GraphStore>): void {
  describe(`The MP's five questions (README queries) [store: ${kind}]`, () => {
    const questions = readmeQuestions();
    let store: GraphStore;
    let app: App;
    const answers = new Map<number, unknown>();
    /** The data of the README's query n, run once before the tests. */
    const answer = <N extends keyof Answers>(n: N): Answers[N] => {
      if (!answers.has(n)) throw new Error(`question ${n} has no answer (see beforeAll)`);
      return answers.get(n) as Answers[N];
    };

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
      const { minister, smartCity } = answer(1);
      expect(minister.properties.remits).toEqual(expect.arrayContaining(['Pouvoirs locaux', 'Transition numérique']));
      const project = minister.relationships.find((r) => r.type === 'RESPONSIBLE_FOR' && r.to.label === 'Informatisation des pouvoirs locaux');
      expect(project?.to.properties.objective).toContain('améliorer la gestion de la relation citoyenne (Citizen Relationship Management; CRM)');
      const mandate = minister.relationships.find((r) => r.type === 'MANDATES');
      expect(mandate?.to.label).toBe('CIRB');
      // « a été mandaté » names no one: only « J’ai donc demandé au CIRB » is the minister's.
      expect(quotes(mandate)).toContain('J’ai donc demandé au CIRB');
      expect(quotes(mandate).some((q) => q.includes('a été mandaté'))).toBe(false);
      const modality = new Map(smartCity.contributions.map((c) => [c.from.label, c.modality]));
      for (const component of ['IRISbox', 'Fidus', 'Fix My Street', 'Nova', 'Build Your Permit', 'UrbIS', 'Regional Data Office', 'datastore.brussels']) {
        expect(modality.get(component)).toBe('FACT');
      }
      // The objectives of the policy declaration are plans.
      expect(modality.get('Politique numérique transversale')).toBe('PLANNED');
      expect(modality.get('Pôle formation/emploi ICT')).toBe('PLANNED');
      // "Toutes les démarches et projets menés par le CIRB ... ont pour objectif": their projects' aim, not a contribution of the body.
      expect(modality.has('CIRB')).toBe(false);
    });

    it('2: what starts this autumn: the Printemps du Numérique, the Smart People workshops, My Brussels at year end', () => {
      const { initiatives, platforms } = answer(2);
      expect(names(initiatives.nodes)).toEqual(
        expect.arrayContaining(['Printemps du Numérique', 'Workshops « Smart People »']),
      );
      expect(names(initiatives.nodes)).not.toContain('Brussels Hacks the Crisis'); // mai 2020
      expect(names(initiatives.nodes)).not.toContain('Programme de projets CRM du SPRB'); // 2021
      expect(names(platforms.nodes)).toContain('My Brussels');
      // Each is a plan, with who plans it and when.
      const printemps = initiatives.nodes.find((n) => n.label === 'Printemps du Numérique');
      expect(printemps?.plannedBy).toContainEqual({ type: 'ORGANISES', modality: 'PLANNED', at: { date: '2020-23', text: 'cet automne' }, from: { label: 'CIRB' } });
      const myBrussels = platforms.nodes.find((n) => n.label === 'My Brussels');
      expect(myBrussels?.plannedBy).toContainEqual({ type: 'LAUNCHES', modality: 'PLANNED', at: { date: '2020-36', text: 'fin d’année' }, from: { label: 'CIRB' } });
    });

    it('3: each initiative with its calendar, objectives and budget', () => {
      const nodes = answer(3).entities.nodes;
      const byName = new Map(nodes.map((n) => [n.label, n]));
      expect(byName.get('Brussels Hacks the Crisis')?.properties.start).toEqual({ date: '2020-05', text: 'mai 2020' });
      expect(byName.get('Programme de projets CRM du SPRB')?.properties.launch).toMatchObject({ date: '2021' });
      const gartner = byName.get('Mission Gartner: stratégie de la donnée');
      expect(gartner?.paidBy[0]?.from.amount).toEqual({ value: 220000, currency: 'EUR', vat: 'EXCLUDED', estimated: false, text: '220K HTVA' });
      // A mission entrusted to Gartner is carried out by Gartner, as a fact.
      expect(gartner?.doneBy).toContainEqual(expect.objectContaining({ type: 'CARRIES_OUT', modality: 'FACT', from: { label: 'Gartner' } }));
      const printemps = byName.get('Printemps du Numérique');
      expect(printemps?.paidBy.map((p) => p.from.amount?.value)).toContain(125000);
      expect(printemps?.doneBy.map((r) => [r.from.label, r.modality])).toEqual(expect.arrayContaining([['CIRB', 'PLANNED'], ['Visit Brussels', 'PLANNED']]));
      // The SPRB's CRM requests are being analysed by Bruxelles ConnectIT; the text names no one who runs the programme.
      expect(byName.get('Demandes de projets CRM du SPRB')?.doneBy).toEqual([
        expect.objectContaining({ type: 'ANALYSES', modality: 'ONGOING', from: { label: 'Bruxelles ConnectIT' } }),
      ]);
      expect(byName.get('Programme de projets CRM du SPRB')?.doneBy).toEqual([]);
    });

    it('4: what was outsourced, to whom, at what cost', () => {
      const contracts = answer(4).entities.nodes;
      const gartner = contracts.find((c) => c.amount?.value === 220000);
      expect(gartner?.amount?.vat).toBe('EXCLUDED');
      expect(gartner?.relationships.find((r) => r.type === 'AWARDED_TO')?.to.label).toBe('Gartner');
      expect(gartner?.relationships.find((r) => r.type === 'PROCURES')?.from.label).toBe('CIRB');
      const awardedTo = contracts.flatMap((c) => c.relationships.filter((r) => r.type === 'AWARDED_TO').map((r) => r.to.label));
      expect(awardedTo).toEqual(expect.arrayContaining(['Gartner', 'KPMG-Common Ground-Sopra Steria']));
      // "toujours supporté par le marché": the support is ongoing.
      const sco = contracts.find((c) => c.relationships.some((r) => r.type === 'AWARDED_TO' && r.to.label === 'KPMG-Common Ground-Sopra Steria'));
      expect(sco?.relationships.find((r) => r.type === 'SUPPORTS')).toMatchObject({ modality: 'ONGOING', to: { label: 'Smart City Office' } });
    });

    it('5: how CIRB and SPRB take part, with the quotes that say so', () => {
      const { cirb, sprb } = answer(5);
      const withBcit = cirb.relationships.find((r) => r.type === 'COLLABORATES_WITH' && [r.from.label, r.to.label].includes('Bruxelles ConnectIT'));
      expect(quotes(withBcit)).toContain('le CIRB et Bruxelles ConnectIT ont signé un protocole de collaboration');
      expect(cirb.relationships.filter((r) => r.type === 'CONSULTS').map((r) => r.to.label)).toEqual(
        expect.arrayContaining(['BPL', 'Easybrussels', 'Brulocalis']),
      );
      expect(sprb.relationships.find((r) => r.from.label === 'Programme de projets CRM du SPRB')).toMatchObject({
        type: 'SERVES',
        modality: 'PLANNED',
        start: { date: '2021', text: 'en 2021' },
      });
      // How the text states each: the signed collaboration as a fact, the launch of My Brussels as planned.
      expect(withBcit?.modality).toBe('FACT');
      expect(cirb.relationships.find((r) => r.type === 'LAUNCHES' && r.to.label === 'My Brussels')?.modality).toBe('PLANNED');
      expect(cirb.relationships.find((r) => r.type === 'ORGANISES' && r.to.label === 'Printemps du Numérique')?.modality).toBe('PLANNED');
      // « que la Région aimerait pousser avec ses partenaires et le CIRB »: a partner in pushing the list, not its supporter.
      expect(cirb.relationships.find((r) => r.to.label === 'Liste de projets Smart City prioritaires')).toMatchObject({ type: 'PARTNER_IN', modality: 'PLANNED' });
      // The CIRB manages the CRM platform; the others "du CIRB" are its own.
      expect(cirb.relationships.filter((r) => r.type === 'OPERATES').map((r) => r.to.label).sort()).toEqual([
        'Plateforme CRM régionale',
        'Plateforme IoT du CIRB',
        'Plateformes big data et analytics du CIRB',
      ]);
    });

    it('and what breaks if Fidus is down: the CRM platform integrating it (ongoing), the exchange platform to build on it (proposed)', async () => {
      const q = readFileSync(join(PROJECT_ROOT, 'examples', '0-what-breaks-if-fidus-is-down.graphql'), 'utf8');
      const result = await query<{ dependencies: { nodes: { id: string }[]; relationships: Relationship[] } }>(app, q);
      expect(result.errors).toBeUndefined();
      const { nodes, relationships } = result.data!.dependencies;
      expect(nodes.map((n) => n.id).sort()).toEqual(['fidus', 'plateforme-crm-regionale', 'plateforme-regionale-d-echange-de-donnees']);
      expect(relationships.map((r) => [r.type, r.modality, r.from.label]).sort()).toEqual([
        ['BUILDS_ON', 'PROPOSED', 'Plateforme régionale d’échange de données'],
        ['INTEGRATES', 'ONGOING', 'Plateforme CRM régionale'],
      ]);
    });

    it('cites a quote for the facts of the answers', () => {
      expect([...answers.values()].flatMap(quotes).length).toBeGreaterThan(30);
    });

    itWithSources('quotes every fact of every answer verbatim from the document', (dir) => {
      const all = [...answers.values()].flatMap(quotes);
      expect(all.length).toBeGreaterThan(30);
      const text = sourceText(dir, 'question-412-smart-city-2020.fr.txt');
      const missing = all.filter((q) => !text.includes(q.replace(/\s+/g, ' ')));
      expect(missing).toEqual([]);
    });
  });
}
