import { join } from 'node:path';
import type { App } from '../../src/http/app';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';
import { itWithSources } from '../helpers/sources';

/** A few facts of question 412 with names in three languages and values that say how sure they are. */
export const NAMES_SEED = join(__dirname, 'names-seed');

/** Labels in the languages of Brussels, names with their kinds, statuses, and values that say how sure they are. */
export function describeNames(kind: string, open: () => Promise<GraphStore>): void {
  describe(`labels, names and certainty [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(loadSeed(NAMES_SEED));
      app = appFor(store);
    });
    afterAll(async () => store && (await store.close()));

    it('gives CIRB\'s label in each language, its official name and its names with their languages and kinds', async () => {
      const { data, errors } = await query(
        app,
        `{ node(id: "cirb") {
            label fr: label(language: "fr") nl: label(language: "nl") en: label(language: "EN") de: label(language: "de")
            name aliases status inferences { field basis }
            names { text language kind }
            dutch: names(language: "nl") { text kind }
            officials: names(kinds: [OFFICIAL]) { text language }
        } }`,
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({
        node: {
          label: 'CIRB',
          fr: 'CIRB',
          nl: 'CIBG',
          en: 'BRIC',
          de: 'CIRB',
          name: 'Centre d\'Informatique pour la Région Bruxelloise',
          aliases: ['Centre d\'Informatique pour la Région Bruxelloise', 'Centrum voor Informatica voor het Brussels Gewest', 'CIBG', 'BRIC'],
          status: null,
          inferences: [],
          names: [
            { text: 'Centre d\'Informatique pour la Région Bruxelloise', language: 'fr', kind: 'OFFICIAL' },
            { text: 'Centrum voor Informatica voor het Brussels Gewest', language: 'nl', kind: 'OFFICIAL' },
            { text: 'CIBG', language: 'nl', kind: 'LABEL' },
            { text: 'BRIC', language: 'en', kind: 'LABEL' },
          ],
          dutch: [
            { text: 'Centrum voor Informatica voor het Brussels Gewest', kind: 'OFFICIAL' },
            { text: 'CIBG', kind: 'LABEL' },
          ],
          officials: [
            { text: 'Centre d\'Informatique pour la Région Bruxelloise', language: 'fr' },
            { text: 'Centrum voor Informatica voor het Brussels Gewest', language: 'nl' },
          ],
        },
      });
    });

    it('answers the label as `name` where there is no official name, and gives a status and an inferred category with its basis', async () => {
      const { data } = await query(
        app,
        `{ contract: node(id: "marche-gartner") { label name aliases }
           gartner: node(id: "gartner") { category inferences { field basis } }
           bigData: node(id: "plateforme-big-data") { status properties } }`,
      );
      expect(data).toEqual({
        contract: { label: 'Marché Gartner: plateforme d\'échange de données', name: 'Marché Gartner: plateforme d\'échange de données', aliases: ['marché de 220K HTVA'] },
        gartner: { category: 'company', inferences: [{ field: 'category', basis: 'the text names it as the CIRB\'s assistant under a public contract: a company' }] },
        bigData: {
          status: 'LAUNCHED',
          properties: { start: { date: '2019-36', text: 'fin 2019', approximate: true, basis: '« fin 2019 » read as the last quarter' } },
        },
      });
    });

    it('says that an amount\'s currency is inferred, and why', async () => {
      const { data } = await query(app, '{ node(id: "marche-gartner") { ... on Contract { amount { value currency vat text inferred basis estimated } } } }');
      expect(data).toEqual({
        node: {
          amount: {
            value: 220000,
            currency: 'EUR',
            vat: 'EXCLUDED',
            text: '220K HTVA',
            inferred: true,
            basis: 'the text gives no currency sign; euros, the Region\'s currency',
            estimated: false,
          },
        },
      });
    });

    it('says that a date is approximate or its year inferred, and why; and which relationship fields are inferred', async () => {
      const { data } = await query(
        app,
        `{ cirb: node(id: "cirb") { relationships(direction: OUT) { type modality at { date text inferred approximate basis } inferences { field basis } } }
           contract: node(id: "marche-gartner") { relationships(direction: OUT) { type at { date } inferences { field basis } } } }`,
      );
      expect(data).toEqual({
        cirb: {
          relationships: [
            {
              type: 'OPERATES',
              modality: 'PLANNED',
              at: {
                date: '2020-36',
                text: 'fin d’année',
                inferred: true,
                approximate: true,
                basis: 'year taken from the answer\'s date, 09/10/2020; « fin d’année » read as the last quarter',
              },
              inferences: [],
            },
          ],
        },
        contract: {
          relationships: [
            {
              type: 'AWARDED_TO',
              at: null,
              inferences: [{ field: 'type', basis: 'the CIRB « est assisté par Gartner » « dans le cadre d’un marché »: the contract is Gartner\'s' }],
            },
          ],
        },
      });
    });

    it('gives the document its citation label, in English too, its title and language as properties', async () => {
      const { data } = await query(app, '{ node(id: "question-412-smart-city-2020") { label en: label(language: "en") name properties } }');
      const node = (data as { node: { label: string; en: string; name: string; properties: Record<string, unknown> } }).node;
      expect(node).toMatchObject({ label: 'Question écrite n°412 (2020)', en: 'Written question No 412 (2020)', name: 'Question écrite n°412 (2020)' });
      expect(node.properties).toMatchObject({ language: 'fr', title: expect.stringMatching(/^Question écrite concernant les actions/) });
    });

    it('refuses a `language` that is not a language code, naming the argument', async () => {
      for (const field of ['label(language: "xx")', 'names(language: "français") { text }']) {
        const { data, errors } = await query(app, `{ node(id: "cirb") { ${field} } }`);
        expect(data).toEqual({ node: null });
        expect(errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/^Argument "language" is not a language code/),
            extensions: { code: 'BAD_USER_INPUT', argument: 'language' },
          }),
        ]);
      }
    });

    itWithSources('quotes the document verbatim', (dir) => {
      expect(() => loadSeed(NAMES_SEED, { sourcesDir: dir })).not.toThrow();
    });
  });
}
