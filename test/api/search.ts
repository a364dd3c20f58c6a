import type { GraphStore } from '../../src/store/store';
import { query, serveSeed } from '../helpers/api';

/**
 * Search on the seed as people type: typos, acronyms and full names either way, a
 * person's office, in French, Dutch and English. Each case names the entity it must
 * find first.
 */
const FIRST_HIT: [text: string, id: string][] = [
  ['cirbb', 'cirb'],
  ['Fidsu', 'fidus'],
  ['BRIC', 'cirb'],
  ['CIBG', 'cirb'],
  ["Centre d'Informatique pour la Région Bruxelloise", 'cirb'],
  ['centre informatique region bruxelloise', 'cirb'],
  ['MIVB', 'stib'],
  ['STIB', 'stib'],
  ['GOB', 'sprb'],
  ['Gewestelijke Overheidsdienst Brussel', 'sprb'],
  ['Leefmilieu Brussel', 'bruxelles-environnement'],
  ['IBGE', 'bruxelles-environnement'],
  ['Brussels Hoofdstedelijk Gewest', 'region-bruxelles-capitale'],
  ['Parlement bruxellois', 'parlement-bruxellois'],
  ['Parlement Buxellois', 'parlement-bruxellois'],
  ['ministre', 'bernard-clerfayt'],
  ['minister', 'bernard-clerfayt'],
  ['ministre transition numérique', 'bernard-clerfayt'],
  ['Salesforce', 'salesforce'],
  ['Written question 412', 'question-412-smart-city-2020'],
];

export function describeSearch(kind: string, open: () => Promise<GraphStore>): void {
  describe(`search on the seed [store: ${kind}]`, () => {
    const seeded = serveSeed(open);

    it.each(FIRST_HIT)('"%s" finds %s first', async (text, id) => {
      const { data, errors } = await query<{ search: { entity: { id: string } }[] }>(seeded.app,
        'query($t: String!) { search(text: $t, first: 5) { entity { id } } }',
        { t: text },
      );
      expect(errors).toBeUndefined();
      expect(data!.search[0]?.entity.id).toBe(id);
    });

    it('finds nothing for a word far from every name', async () => {
      const { data } = await query<{ search: unknown[] }>(seeded.app, '{ search(text: "zzqxw") { score } }');
      expect(data!.search).toEqual([]);
    });
  });
}
