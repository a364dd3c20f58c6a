import type { GraphStore } from '../../src/store/store';
import { query, serveSeed } from '../helpers/api';

interface Flow {
  instrument: { id: string };
  amount: { value: number; currency: string; vat: string; text: string | null } | null;
  payers: { id: string }[];
  recipients: { id: string }[];
  paysFor: { id: string }[];
  sources: { quote: string }[];
}
const FLOW = 'instrument { id } amount { value currency vat text } payers { id } recipients { id } paysFor { id } sources { quote }';
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/** "Who funds the Printemps du Numérique, and how much?" in one short query, from the thing paid for and from the payer. */
export function describeMoney(kind: string, open: () => Promise<GraphStore>): void {
  describe(`money in one hop [store: ${kind}]`, () => {
    const seeded = serveSeed(open);

    it('answers who pays for a thing, how much, and the sentence that says so', async () => {
      const { data, errors } = await query<{ node: { fundedBy: Flow[] } }>(seeded.app, `{ node(id: "printemps-du-numerique") { fundedBy { ${FLOW} } } }`);
      expect(errors).toBeUndefined();
      expect(data!.node.fundedBy).toEqual([
        {
          instrument: { id: 'contribution-cirb-printemps-du-numerique' },
          amount: { value: 125000, currency: 'EUR', vat: 'UNSPECIFIED', text: '125K' },
          payers: [{ id: 'cirb' }],
          recipients: [],
          paysFor: [{ id: 'printemps-du-numerique' }],
          sources: [{ quote: 'Le CIRB participe à hauteur de 125K à l’organisation du Printemps du Numérique.' }],
        },
      ]);
    });

    it('answers what a payer pays for and to whom, with no amount where the text gives none', async () => {
      const { data } = await query<{ node: { pays: Flow[] } }>(seeded.app, `{ node(id: "cirb") { pays { ${FLOW} } } }`);
      const byId = new Map(data!.node.pays.map((f) => [f.instrument.id, f]));
      expect(byId.get('marche-gartner')).toMatchObject({ amount: { value: 220000, vat: 'EXCLUDED' }, recipients: [{ id: 'gartner' }], paysFor: [{ id: 'mission-gartner' }] });
      expect(byId.get('contribution-cirb-printemps-du-numerique')?.paysFor).toEqual([{ id: 'printemps-du-numerique' }]);
      // "sur leur propre budget": a budget with no amount stated, none invented.
      expect(byId.get('budget-propre-cirb-crm')).toMatchObject({ amount: null, paysFor: [{ id: 'plateforme-crm-regionale' }] });
      const crm = await query<{ node: { fundedBy: Flow[] } }>(seeded.app, `{ node(id: "plateforme-crm-regionale") { fundedBy { ${FLOW} } } }`);
      expect(ids(crm.data!.node.fundedBy.map((f) => f.instrument))).toEqual(['budget-propre-bruxelles-connectit-crm', 'budget-propre-cirb-crm']);
      expect(crm.data!.node.fundedBy.every((f) => f.amount === null)).toBe(true);
    });
  });
}
