import { StoreUnavailableError, TimeoutError } from '../../src/domain/errors';
import type { Citation, GraphData } from '../../src/domain/model';
import { compareIds } from '../../src/domain/order';
import type { GraphStore, Statement, StatementKey } from '../../src/store/store';
import { fixture } from './fixture';

/**
 * The fixture (where everything cites `fixture-doc`) and a second document, which
 * cites itself, an entity and a relationship that also cite the first, and a
 * relationship that cites only it.
 */
const FIRST = 'fixture-doc';
const SECOND = 'second-doc';
const second = (quote: string): Citation => ({ document: SECOND, quote, section: 'header' });
const alsoSecond = <T extends { id: string; sources: Citation[] }>(x: T, ids: string[]) =>
  ids.includes(x.id) ? { ...x, sources: [...x.sources, second(`of ${x.id}`)] } : x;
const template = fixture.entities.find((e) => e.id === FIRST)!;
const onlySecond = { ...fixture.relationships.find((r) => r.id === 'agence.procures.marche')!, id: 'second-doc.described-in.agence', type: 'DESCRIBED_IN' as const };
export const documentGraph: GraphData = {
  version: 'documents-1',
  entities: [...fixture.entities.map((e) => alsoSecond(e, ['isole'])), { ...template, id: SECOND, sources: [second('the header')] }],
  relationships: [
    ...fixture.relationships.map((r) => alsoSecond(r, ['beta.contributes-to.hub'])),
    { ...onlySecond, from: SECOND, to: 'agence', sources: [second('describes the agency')] },
  ],
};

const keyOf = (s: Statement): StatementKey => ({ kind: s.kind, id: s.kind === 'entity' ? s.entity.id : s.relationship.id });
const label = (s: Statement) => `${s.kind} ${keyOf(s).id}`;

/** What `document` states in the graph, in the promised order: entities by id, then relationships by id. */
function expected(document: string): string[] {
  const cites = (x: { sources: Citation[] }) => x.sources.some((c) => c.document === document);
  const ids = (xs: { id: string; sources: Citation[] }[]) => xs.filter(cites).map((x) => x.id).sort(compareIds);
  return [...ids(documentGraph.entities).map((id) => `entity ${id}`), ...ids(documentGraph.relationships).map((id) => `relationship ${id}`)];
}

/** GraphStore.statementsOf: what a document states, paginated, alike on every store. */
export function describeDocumentContract(kind: string, open: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: what a document states [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(documentGraph);
    });
    afterAll(async () => store && (await store.close()));

    it('pages through a document\'s entities by id, then its relationships by id, with the total', async () => {
      const seen: string[] = [];
      let after: StatementKey | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.statementsOf(FIRST, { first: 7, after });
        expect(page.totalCount).toBe(expected(FIRST).length);
        seen.push(...page.statements.map(label));
        if (!page.hasMore) break;
        expect(page.statements).toHaveLength(7);
        after = keyOf(page.statements[page.statements.length - 1]!);
      }
      expect(seen).toEqual(expected(FIRST));
      // A page that spans both kinds: the last entities, then the first relationships.
      const entities = expected(FIRST).filter((s) => s.startsWith('entity')).length;
      const spanning = await store.statementsOf(FIRST, { first: 4, after: { kind: 'entity', id: expected(FIRST)[entities - 3]!.slice('entity '.length) } });
      expect(spanning.statements.map(label)).toEqual(expected(FIRST).slice(entities - 2, entities + 2));
    });

    it('returns each statement whole, as the store holds it', async () => {
      const page = await store.statementsOf(SECOND, { first: 10 });
      expect(page).toMatchObject({ hasMore: false, totalCount: 4 });
      expect(page.statements.map(label)).toEqual(expected(SECOND));
      expect(page.statements).toEqual([
        { kind: 'entity', entity: documentGraph.entities.find((e) => e.id === 'isole') },
        { kind: 'entity', entity: documentGraph.entities.find((e) => e.id === SECOND) },
        { kind: 'relationship', relationship: documentGraph.relationships.find((r) => r.id === 'beta.contributes-to.hub') },
        { kind: 'relationship', relationship: documentGraph.relationships.find((r) => r.id === onlySecond.id) },
      ]);
    });

    it('resumes after a relationship, ends with an empty page, and knows no document no citation names', async () => {
      const [, , firstRelationship] = (await store.statementsOf(SECOND, { first: 10 })).statements;
      const rest = await store.statementsOf(SECOND, { first: 10, after: keyOf(firstRelationship!) });
      expect(rest.statements.map(label)).toEqual([`relationship ${onlySecond.id}`]);
      expect(rest).toMatchObject({ hasMore: false, totalCount: 4 });
      const end = await store.statementsOf(SECOND, { first: 10, after: { kind: 'relationship', id: onlySecond.id } });
      expect(end).toEqual({ statements: [], hasMore: false, totalCount: 4 });
      // An id that sorts between two keeps the order: after "i" come the entities from "isole" on.
      const between = await store.statementsOf(SECOND, { first: 1, after: { kind: 'entity', id: 'i' } });
      expect(between.statements.map(label)).toEqual(['entity isole']);
      expect(between.hasMore).toBe(true);
      expect(await store.statementsOf('no-such-document', { first: 10 })).toEqual({ statements: [], hasMore: false, totalCount: 0 });
    });

    it('follows the graph a new load brings', async () => {
      await store.replaceGraph(fixture);
      expect(await store.statementsOf(SECOND, { first: 10 })).toEqual({ statements: [], hasMore: false, totalCount: 0 });
      expect((await store.statementsOf(FIRST, { first: 1 })).totalCount).toBe(fixture.entities.length + fixture.relationships.length);
      await store.replaceGraph(documentGraph);
      expect((await store.statementsOf(SECOND, { first: 10 })).totalCount).toBe(4);
    });

    it('rejects with TimeoutError when its signal has aborted or its deadline passed, and answers when it is ahead', async () => {
      for (const call of [{ signal: AbortSignal.abort() }, { deadline: Date.now() - 1 }]) {
        await expect(store.statementsOf(FIRST, { first: 5 }, call)).rejects.toThrow(TimeoutError);
      }
      const ahead = await store.statementsOf(FIRST, { first: 5 }, { signal: new AbortController().signal, deadline: Date.now() + 30_000 });
      expect(ahead.statements).toHaveLength(5);
    });

    it('rejects with StoreUnavailableError once closed', async () => {
      const closed = await open();
      await closed.close();
      await expect(closed.statementsOf(FIRST, { first: 5 })).rejects.toThrow(StoreUnavailableError);
    });
  });
}
