import { join } from 'node:path';
import type { Citation, GraphData } from '../../src/domain/model';
import { compareIds } from '../../src/domain/order';
import type { App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';

const DOC = 'question-412-smart-city-2020';
const LABEL = 'Question écrite n°412 (2020)';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { __typename: string; id: string } }[];
}
const ASSERTS = `totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
  edges { cursor node { __typename ... on Entity { id } ... on Relationship { id } } }`;

/** What the seed's document states, as the API promises it: its entities by id, then its relationships by id. */
function statedBy(graph: GraphData, document: string): string[] {
  const cites = (x: { sources: Citation[] }) => x.sources.some((c) => c.document === document);
  const ids = (xs: { id: string; sources: Citation[] }[]) => xs.filter(cites).map((x) => x.id).sort(compareIds);
  return [...ids(graph.entities), ...ids(graph.relationships)];
}

/** A document as an analyst sees it: how to cite it, what it is, and everything it states, page by page. */
export function describeDocuments(kind: string, open: () => Promise<GraphStore>): void {
  describe(`documents as sources [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    const graph = loadSeed(join(PROJECT_ROOT, 'seed'));
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(graph);
      app = appFor(store);
    });
    afterAll(async () => store && (await store.close()));

    it('says how to cite the document and what it is, in machine-readable form', async () => {
      const { data, errors } = await query<{ node: { citationLabel: string; metadata: Record<string, unknown> } }>(
        app,
        `{ node(id: "${DOC}") { ... on Document { citationLabel metadata {
            kind number title language
            legislature { start end text } session { start end text }
            receivedOn { date text } declaredAdmissibleOn { date } publishedOn { date } answeredOn { date text }
            authors { id } addressees { id } answeredBy { id } parliament { id } } } } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.node.citationLabel).toBe(LABEL);
      const published = graph.relationships.find((r) => r.type === 'PUBLISHED_BY' && r.from === DOC);
      expect(data!.node.metadata).toMatchObject({
        kind: 'written-question',
        number: 412,
        title: expect.stringMatching(/^Question écrite concernant les actions et initiatives du gouvernement/),
        language: 'fr',
        // Printed « 19/24 » and « 19/20 »; the seed may hold either form.
        legislature: { start: 2019, end: 2024, text: expect.stringMatching(/^(19\/24|2019-2024)$/) },
        session: { start: 2019, end: 2020, text: expect.stringMatching(/^(19\/20|2019-2020)$/) },
        receivedOn: { date: '2020-08-31', text: '31/08/2020' },
        declaredAdmissibleOn: { date: '2020-09-01' },
        publishedOn: { date: '2020-10-12' },
        answeredOn: { date: '2020-10-09', text: '09/10/2020' },
        authors: [{ id: 'bianca-debaets' }],
        addressees: [{ id: 'bernard-clerfayt' }],
        answeredBy: [{ id: 'bernard-clerfayt' }],
        parliament: published ? { id: published.to } : null,
      });
    });

    it('lists everything the document states, page after page, entities then relationships, with the total', async () => {
      const expected = statedBy(graph, DOC);
      expect(expected.length).toBeGreaterThan(100);
      const ask = (after: string | null) =>
        query<{ node: { asserts: Page } }>(app, `query ($after: String) { node(id: "${DOC}") { ... on Document { asserts(first: 20, after: $after) { ${ASSERTS} } } } }`, { after });
      const first = await ask(null);
      expect(first.errors).toBeUndefined();
      const page = first.data!.node.asserts;
      expect(page.totalCount).toBe(expected.length);
      expect(page.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 20));
      expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: page.edges[19]!.cursor });
      const next = (await ask(page.pageInfo.endCursor)).data!.node.asserts;
      expect(next.edges.map((e) => e.node.id)).toEqual(expected.slice(20, 40));
      expect(next.pageInfo.hasPreviousPage).toBe(true);
      // The rest, to the end: every entity and relationship citing the document, once.
      const seen = [...page.edges, ...next.edges];
      for (let after = next.pageInfo.endCursor, more = next.pageInfo.hasNextPage; more; ) {
        const rest = (await ask(after)).data!.node.asserts;
        seen.push(...rest.edges);
        [after, more] = [rest.pageInfo.endCursor, rest.pageInfo.hasNextPage];
      }
      expect(seen.map((e) => e.node.id)).toEqual(expected);
      const relationships = graph.relationships.filter((r) => r.sources.some((c) => c.document === DOC)).length;
      expect(seen.filter((e) => e.node.__typename === 'Relationship')).toHaveLength(relationships);
      expect(seen.find((e) => e.node.id === 'cirb')?.node.__typename).toBe('Organisation');
    });

    it('gives each citation its document\'s label directly', async () => {
      const { data, errors } = await query<{ node: { relationships: { id: string; sources: { documentLabel: string; quote: string }[] }[] } }>(
        app,
        `{ node(id: "bernard-clerfayt") { relationships(direction: OUT, types: [ANSWERED]) { id sources { documentLabel quote } } } }`,
      );
      expect(errors).toBeUndefined();
      const [answered] = data!.node.relationships;
      expect(answered!.sources.length).toBeGreaterThan(0);
      for (const source of answered!.sources) expect(source.documentLabel).toBe(LABEL);
    });

    it('refuses a cursor it did not give, naming `after`, and a page size out of range, naming `first`', async () => {
      const entitiesCursor = Buffer.from('entity:cirb').toString('base64url');
      for (const after of ['not-a-cursor', entitiesCursor, Buffer.from('statement:document:x').toString('base64url')]) {
        const { data, errors } = await query(app, `query ($after: String) { node(id: "${DOC}") { ... on Document { asserts(after: $after) { totalCount } } } }`, { after });
        expect(data).toMatchObject({ node: null });
        expect(errors?.[0]).toMatchObject({ message: expect.stringContaining('"after"'), extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
      }
      const { errors } = await query(app, `{ node(id: "${DOC}") { ... on Document { asserts(first: 101) { totalCount } } } }`);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });
  });
}
