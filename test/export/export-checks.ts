import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cytoscape from 'cytoscape';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import * as jsonld from 'jsonld';
import { exportChunks } from '../../src/export/export';
import type { FormatName } from '../../src/export/formats';
import { parseExportParameters } from '../../src/export/params';
import { createContext } from '../../src/graphql/context';
import type { App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphStore } from '../../src/store/store';
import { appFor, query } from '../helpers/api';

export const SCHEMAS = join(__dirname, 'schemas');

/** xmllint's verdict on a file against an XSD, offline (--nonet: every import must resolve in SCHEMAS). */
export function xmllint(xsd: string, file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMAS, xsd), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    return { ok: false, output: e.stderr ?? e.message };
  }
}

/** An RFC 4180 reader: CRLF records, quoted fields with doubled quotes and line breaks inside. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}: records end with CRLF`);
    else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** A document loader that fetches nothing: the context must be inline. */
export const refuseUrls = (url: string): never => {
  throw new Error(`the JSON-LD asked to load ${url}`);
};

/** The whole text of an export of `parameters` in `format`, through the export module. */
export async function exportText(store: GraphStore, parameters: Record<string, string>, format: FormatName): Promise<string> {
  const request = parseExportParameters(new Map(Object.entries(parameters).map(([k, v]) => [k, [v]])), (p) => `parameter "${p}"`);
  let text = '';
  for await (const chunk of await exportChunks(createContext(store), request, format)) text += chunk;
  return text;
}

interface Counts {
  nodes: number;
  edges: number;
  symmetric: number;
}

/** The views checked, each with what the API answers for it. */
const VIEWS: { name: string; parameters: Record<string, string>; counts: (app: App, store: GraphStore) => Promise<Counts> }[] = [
  {
    name: 'the whole graph',
    parameters: {},
    counts: async (_app, store) => {
      const stats = await store.stats();
      const seed = loadSeed(join(PROJECT_ROOT, 'seed'));
      return { nodes: stats.entities, edges: stats.relationships, symmetric: seed.relationships.filter((r) => r.type === 'COLLABORATES_WITH').length };
    },
  },
  {
    name: 'around cirb, 2 hops',
    parameters: { around: 'cirb', depth: '2' },
    counts: (app) => subgraphCounts(app, '{ v: neighbourhood(id: "cirb", depth: 2, limit: 1000) { nodes { id } relationships { id symmetric } truncated } }'),
  },
  {
    name: 'what depends on fidus',
    parameters: { dependencies: 'fidus', direction: 'DOWNSTREAM' },
    counts: (app) => subgraphCounts(app, '{ v: dependencies(id: "fidus", direction: DOWNSTREAM, limit: 1000) { nodes { id } relationships { id symmetric } truncated } }'),
  },
];

async function subgraphCounts(app: App, source: string): Promise<Counts> {
  const { data, errors } = await query<{ v: { nodes: unknown[]; relationships: { symmetric: boolean }[]; truncated: boolean } }>(app, source);
  expect(errors).toBeUndefined();
  expect(data!.v.truncated).toBe(false);
  return { nodes: data!.v.nodes.length, edges: data!.v.relationships.length, symmetric: data!.v.relationships.filter((r) => r.symmetric).length };
}

/**
 * Every format of every view over the seed, read back by the tools that read the format:
 * xmllint against the GEXF 1.3 and GraphML 1.0 schemas, graphology's GEXF and GraphML
 * parsers, headless Cytoscape.js, graphology's import, jsonld.expand, an RFC 4180 reader;
 * each with the API's counts of nodes and edges.
 */
export function describeExports(kind: string, open: () => Promise<GraphStore>): void {
  describe(`exports read back by the tools of each format [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    let dir: string;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(loadSeed(join(PROJECT_ROOT, 'seed')));
      app = appFor(store);
      dir = mkdtempSync(join(tmpdir(), 'exports-'));
    });
    afterAll(async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (store) await store.close();
    });

    describe.each(VIEWS)('$name', ({ parameters, counts }) => {
      let expected: Counts;
      beforeAll(async () => {
        expected = await counts(app, store);
        expect(expected.nodes).toBeGreaterThan(1);
      });
      const file = (name: string, text: string) => {
        const path = join(dir, `${Object.values(parameters).join('-') || 'graph'}.${name}`);
        writeFileSync(path, text);
        return path;
      };

      it('GEXF validates against the GEXF 1.3 schema and graphology-gexf reads it back', async () => {
        const text = await exportText(store, parameters, 'gexf');
        const verdict = xmllint('gexf.xsd', file('gexf', text));
        expect(verdict).toMatchObject({ ok: true });
        const graph = parseGexf(MultiGraph, text);
        expect([graph.order, graph.size, graph.undirectedSize]).toEqual([expected.nodes, expected.edges, expected.symmetric]);
        const someEdge = graph.edges()[0]!;
        expect(JSON.parse(graph.getEdgeAttribute(someEdge, 'quotes') as string)[0]).toMatchObject({ quote: expect.any(String), documentLabel: expect.any(String) });
      });

      it('GraphML validates against the GraphML 1.0 schema and graphology-graphml reads it back', async () => {
        const text = await exportText(store, parameters, 'graphml');
        expect(xmllint('graphml.xsd', file('graphml', text))).toMatchObject({ ok: true });
        const graph = parseGraphml(MultiGraph, text);
        // graphology-graphml reads only directed="true" against the default, not directed="false": the symmetric edges are counted by their attribute.
        expect([graph.order, graph.size, graph.filterEdges((_e, a) => a.symmetric === true).length]).toEqual([expected.nodes, expected.edges, expected.symmetric]);
        expect(text.match(/<edge [^>]*directed="false"/g) ?? []).toHaveLength(expected.symmetric);
        const node = graph.nodes()[0]!;
        expect(graph.getNodeAttributes(node)).toMatchObject({ label: expect.any(String), type: expect.any(String), bibliographic: expect.any(Boolean) });
      });

      it('Cytoscape JSON loads in headless Cytoscape.js', async () => {
        const text = await exportText(store, parameters, 'cyjs');
        const { elements } = JSON.parse(text) as { elements: cytoscape.ElementsDefinition };
        const cy = cytoscape({ headless: true, elements });
        expect([cy.nodes().length, cy.edges().length]).toEqual([expected.nodes, expected.edges]);
        expect(cy.edges().filter((e) => e.data('symmetric') === true).length).toBe(expected.symmetric);
        cy.destroy();
      });

      it('graphology JSON imports into a graphology graph', async () => {
        const graph = MultiGraph.from(JSON.parse(await exportText(store, parameters, 'json')));
        expect([graph.order, graph.size, graph.undirectedSize]).toEqual([expected.nodes, expected.edges, expected.symmetric]);
      });

      it('JSON-LD expands with jsonld, its context inline, every node with an @type', async () => {
        const doc = JSON.parse(await exportText(store, parameters, 'jsonld')) as object;
        const expanded = await jsonld.expand(doc, { documentLoader: refuseUrls });
        const graph = (expanded[0] as Record<string, unknown>)['@graph'] as Record<string, unknown>[];
        expect(graph).toHaveLength(expected.nodes + expected.edges);
        expect(graph.filter((n) => !(Array.isArray(n['@type']) && n['@type'].length > 0))).toEqual([]);
        const relationship = graph.find((n) => (n['@type'] as string[]).includes('urn:brussels-digital-graph:vocab:Relationship'))!;
        const quote = (relationship['http://www.w3.org/ns/prov#wasDerivedFrom'] as Record<string, unknown>[])[0]!;
        expect(quote['@type']).toEqual(['http://www.w3.org/ns/prov#Entity']);
        expect(quote['http://www.w3.org/ns/prov#value']).toEqual([{ '@value': expect.any(String) }]);
      });

      it('the CSVs parse back as RFC 4180 to the same counts', async () => {
        const nodes = readCsv(await exportText(store, parameters, 'nodes.csv'));
        const edges = readCsv(await exportText(store, parameters, 'edges.csv'));
        expect(nodes[0]).toEqual(['id', 'label', 'type', 'typeLabel', 'category', 'status', 'bibliographic', 'distance', 'path']);
        expect([nodes.length - 1, edges.length - 1]).toEqual([expected.nodes, expected.edges]);
        expect(nodes.filter((row) => row.length !== nodes[0]!.length)).toEqual([]);
        expect(edges.filter((row) => row.length !== edges[0]!.length)).toEqual([]);
        const quotes = edges[0]!.indexOf('quotes');
        for (const row of edges.slice(1)) expect(Array.isArray(JSON.parse(row[quotes]!))).toBe(true);
      });
    });

    it('gives each node of "what depends on fidus" its hop distance and the path of dependencies that reaches it', async () => {
      const graph = MultiGraph.from(JSON.parse(await exportText(store, { dependencies: 'fidus', direction: 'DOWNSTREAM' }, 'json')));
      expect(graph.getNodeAttributes('fidus')).toMatchObject({ distance: 0, path: ['fidus'] });
      let farthest = 0;
      graph.forEachNode((id, a) => {
        const path = a.path as string[];
        expect(path[0]).toBe('fidus');
        expect(path[path.length - 1]).toBe(id);
        expect(a.distance).toBe(path.length - 1);
        farthest = Math.max(farthest, a.distance as number);
        // Each hop: the next node depends on the one before it.
        for (let i = 1; i < path.length; i++) expect(graph.directedEdges(path[i]!, path[i - 1]!).length).toBeGreaterThan(0);
      });
      expect(farthest).toBeGreaterThanOrEqual(1);
      expect(graph.order).toBeGreaterThan(2);
    });

    it('writes every shortest path from gartner to the minister, each node at its distance', async () => {
      const { data } = await query<{ shortestPath: { length: number } }>(app, '{ shortestPath(from: "gartner", to: "bernard-clerfayt") { length } }');
      const graph = MultiGraph.from(JSON.parse(await exportText(store, { from: 'gartner', to: 'bernard-clerfayt' }, 'json')));
      expect(graph.getAttribute('paths')).toBeGreaterThanOrEqual(1);
      expect(graph.getNodeAttribute('gartner', 'distance')).toBe(0);
      expect(graph.getNodeAttribute('bernard-clerfayt', 'distance')).toBe(data!.shortestPath.length);
      graph.forEachNode((_id, a) => expect(a.distance).toBeLessThanOrEqual(data!.shortestPath.length));
      expect(graph.size).toBeGreaterThanOrEqual(data!.shortestPath.length);
    });

    it('marks documents and bibliographic edges, and keeps them', async () => {
      const graph = MultiGraph.from(JSON.parse(await exportText(store, {}, 'json')));
      const documents = graph.filterNodes((_id, a) => a.type === 'Document');
      expect(documents.length).toBeGreaterThan(0);
      for (const d of documents) expect(graph.getNodeAttribute(d, 'bibliographic')).toBe(true);
      expect(graph.filterEdges((_e, a) => a.type === 'AUTHORED' || a.type === 'DESCRIBED_IN').every((e) => graph.getEdgeAttribute(e, 'bibliographic') === true)).toBe(true);
      expect(graph.filterEdges((_e, a) => a.type === 'OPERATES').some((e) => graph.getEdgeAttribute(e, 'bibliographic') === false)).toBe(true);
    });

    it('keeps only the relationship types and modalities asked for', async () => {
      const graph = MultiGraph.from(JSON.parse(await exportText(store, { around: 'cirb', depth: '2', relationshipTypes: 'OPERATES,PART_OF', modalities: 'FACT' }, 'json')));
      expect(graph.size).toBeGreaterThan(0);
      graph.forEachEdge((_e, a) => {
        expect(['OPERATES', 'PART_OF']).toContain(a.type);
        expect(a.modality).toBe('FACT');
      });
    });
  });
}
