import type { Entity, GraphData, SearchHit } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/store';

/** An entity known by `name` and `others`: the one place this file builds names. */
const entity = (id: string, name: string, others: string[] = []): Entity => ({
  id, type: 'Organisation', category: null, label: name, names: others.map((text) => ({ text, language: 'fr', kind: 'ALIAS' })),
  status: null, inferred: {}, properties: {}, sources: [],
});

/** Names chosen so that exact, prefix and typo matches of one word fall on different entities. */
export const searchGraph: GraphData = {
  version: 'search-1',
  entities: [
    entity('cirb', 'CIRB', ['Centre d’Informatique pour la Région Bruxelloise']),
    entity('cir', 'CIR'),
    entity('iot-cirb', 'Plateforme IoT du CIRB'),
    entity('fidus', 'Fidus'),
    entity('plateforme', 'Plateforme régionale'),
    entity('platform', 'Regional Platform'),
    entity('mobilite', 'Bruxelles Mobilité'),
    entity('agence', 'Agence Numérique', ['Agentschap Digitaal']),
  ],
  relationships: [],
};

/** A hit's tier, from the score's documented ranges (search-text.ts searchScore). */
const tier = (h: SearchHit) => (h.score >= 3 ? 'exact' : h.score >= 2 ? 'starting' : h.score >= 1.5 ? 'prefix' : 'fuzzy');

/**
 * What a search answers, tier by tier in rank order, ids sorted within a tier (each store
 * orders within a tier by its own full-text score): literal expectations, so that both
 * stores answer each case alike.
 */
async function tiers(store: GraphStore, text: string, first = 20): Promise<string[]> {
  const hits = await store.search(text, first);
  const order = ['exact', 'starting', 'prefix', 'fuzzy'];
  // Ranked: never a better tier after a worse one.
  hits.forEach((h, i) => i > 0 && expect(order.indexOf(tier(h))).toBeGreaterThanOrEqual(order.indexOf(tier(hits[i - 1]!))));
  return order.flatMap((t) => {
    const ids = hits.filter((h) => tier(h) === t).map((h) => h.entity.id).sort();
    return ids.length ? [`${t}: ${ids.join(' ')}`] : [];
  });
}

/** Search as every store answers it: the rule of src/domain/search-text.ts, case by case. */
export function describeSearchContract(kind: string, open: () => Promise<GraphStore>): void {
  describe(`search contract [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(searchGraph);
    });
    afterAll(async () => store && (await store.close()));

    const cases: [string, string[]][] = [
      // Typos: one edit in a word of 3 to 5 letters (an extra letter, a transposition).
      ['cirbb', ['fuzzy: cirb iot-cirb']],
      ['Fidsu', ['fuzzy: fidus']],
      ['fidos', ['fuzzy: fidus']],
      // One and two edits in words of 6 letters or more.
      ['plateformme', ['fuzzy: iot-cirb plateforme']],
      ['pltaefrome', ['fuzzy: iot-cirb plateforme']],
      ['nmuerqiue', ['fuzzy: agence']],
      // Two edits in each word of a longer text: "plateforme" to "platform", "regionalle" to "regional".
      ['plateforme regionalle', ['fuzzy: plateforme platform']],
      ['mobilty', ['fuzzy: mobilite']],
      // Case and accents folded, typos or not.
      ['BRUXELLES MOBILITÉ', ['exact: mobilite']],
      ['bruxelles mobilite', ['exact: mobilite']],
      ['MOBILITE', ['prefix: mobilite']],
      ['régiónale', ['prefix: plateforme', 'fuzzy: platform']],
      ['NUMERIQEU', ['fuzzy: agence']],
      // Prefixes, of names and of their words.
      ['plat', ['starting: iot-cirb plateforme', 'prefix: platform']],
      ['agentsch', ['starting: agence']],
      ['fi', ['starting: fidus']],
      // Exact first, then a name holding the word, then a typo away.
      ['cirb', ['exact: cirb', 'prefix: iot-cirb', 'fuzzy: cir']],
      ['cir', ['exact: cir', 'starting: cirb', 'prefix: iot-cirb']],
      // Too far: two edits in a word of 3 to 5 letters, three in a longer one, any in one of 2.
      ['fidel', []],
      ['fdsu', []],
      ['brusels', []],
      ['fx', []],
      ['zzzyxq', []],
      // Every word must match.
      ['fidus zzzyxq', []],
    ];
    it.each(cases)('answers "%s" alike on every store', async (text, expected) => {
      expect(await tiers(store, text)).toEqual(expected);
    });

    it('ranks exact and prefix matches before any typo match, even when they fill `first`', async () => {
      const hits = await store.search('cirb', 2);
      expect(hits.map((h) => h.entity.id)).toEqual(['cirb', 'iot-cirb']);
      expect(hits[0]!.score).toBeGreaterThanOrEqual(3);
    });

    it('scores typo matches between 1 and 1.5, below every word-prefix match', async () => {
      const [typo] = await store.search('Fidsu', 5);
      expect(typo!.score).toBeGreaterThanOrEqual(1);
      expect(typo!.score).toBeLessThan(1.5);
    });
  });
}
