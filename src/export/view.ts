import Graph from 'graphology';
import { EXPORT_LIMITS } from '../domain/limits';
import type { DependencyDirection, Entity, Relationship, Subgraph } from '../domain/model';
import type { WordLanguage } from '../domain/plain-words';
import { compareIds } from '../domain/order';
import type { Context } from '../graphql/context';
import { resolveEntity, withResolvedIds } from '../graphql/resolve-id';
import type { RelationshipOptions } from '../store/store';
import {
  exportEdge,
  exportNode,
  quotedDocuments,
  type Elements,
  type ExportEdge,
  type ExportMeta,
  type ExportNode,
  type Hop,
} from './elements';

/** What to export: the whole graph, or one of the API's views. */
export type ExportView =
  | { kind: 'graph'; limit?: number }
  | { kind: 'around'; id: string; depth: number; limit: number }
  | { kind: 'dependencies'; id: string; direction: DependencyDirection; maxDepth: number; limit: number }
  | { kind: 'paths'; from: string; to: string; maxDepth: number };

export interface ExportRequest {
  view: ExportView;
  /** Which relationships the view follows and keeps (relationshipTypes, modalities, validAt). */
  filter: RelationshipOptions;
  /** Of the plain words: edge labels and type labels. */
  language: WordLanguage;
}

export type ExportGraph = Graph<ExportNode, ExportEdge, ExportMeta>;

/**
 * The elements of a view, ready for a writer: the whole graph is read from the store page
 * by page as the writer asks for it (nothing held but the document labels); a view is read
 * at once, so a bad or unknown id fails before anything is written.
 */
export async function exportElements(ctx: Context, request: ExportRequest): Promise<Elements> {
  if (request.view.kind === 'graph') return wholeGraph(ctx, request, request.view.limit);
  return elementsOf(await exportGraph(ctx, request));
}

/** The view as a graphology graph: symmetric relationships as undirected edges, every other one directed. */
export async function exportGraph(ctx: Context, request: ExportRequest): Promise<ExportGraph> {
  const { view } = request;
  switch (view.kind) {
    case 'graph':
      return graphOf(await wholeGraph(ctx, request, view.limit));
    case 'around': {
      const sub = await withResolvedIds(ctx, { around: view.id }, ({ around }) =>
        ctx.store.neighbourhood(around, view.depth, { ...request.filter, limit: view.limit }, ctx.call),
      );
      const start = sub.nodes[0]!.id;
      const meta = { view: 'around', description: `around ${start}, ${view.depth} hop(s)`, truncated: sub.truncated };
      return build(ctx, request, meta, sub.nodes, sub.relationships, hopsOf(sub));
    }
    case 'dependencies': {
      const sub = await withResolvedIds(ctx, { dependencies: view.id }, ({ dependencies }) =>
        ctx.store.dependencies(dependencies, view.direction, view.maxDepth, { ...request.filter, limit: view.limit }, ctx.call),
      );
      const start = sub.nodes[0]!.id;
      const description = `dependencies ${view.direction} of ${start}, up to ${view.maxDepth} hop(s)`;
      return build(ctx, request, { view: 'dependencies', description, truncated: sub.truncated }, sub.nodes, sub.relationships, hopsOf(sub));
    }
    case 'paths':
      return pathsGraph(ctx, request, view);
  }
}

async function build(
  ctx: Context,
  request: ExportRequest,
  meta: ExportMeta,
  nodes: readonly Entity[],
  relationships: readonly Relationship[],
  hops: ReadonlyMap<string, Hop>,
): Promise<ExportGraph> {
  const graph = newGraph(meta);
  for (const e of nodes) graph.addNode(e.id, exportNode(e, request.language, hops.get(e.id)));
  const documents = await documentLabels(ctx, nodes, relationships);
  const isDocument = (id: string) => graph.hasNode(id) && graph.getNodeAttribute(id, 'type') === 'Document';
  for (const r of relationships) addEdge(graph, exportEdge(r, request.language, documents, isDocument));
  return graph;
}

function newGraph(meta: ExportMeta): ExportGraph {
  const graph: ExportGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  graph.replaceAttributes(meta);
  return graph;
}

function addEdge(graph: ExportGraph, edge: ExportEdge): void {
  if (edge.symmetric) graph.addUndirectedEdgeWithKey(edge.id, edge.source, edge.target, edge);
  else graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, edge);
}

/** Labels of the documents the relationships quote: from the nodes when there, else read in one call. */
async function documentLabels(ctx: Context, nodes: readonly Entity[], relationships: readonly Relationship[]): Promise<Map<string, string>> {
  const labels = new Map(nodes.filter((e) => e.type === 'Document').map((e) => [e.id, e.label]));
  const missing = [...quotedDocuments(relationships)].filter((id) => !labels.has(id));
  if (missing.length > 0) {
    for (const doc of await ctx.store.getEntities(missing, ctx.call)) if (doc) labels.set(doc.id, doc.label);
  }
  return labels;
}

/** A graph's elements, in its order (nodes as added, edges as added). */
export function elementsOf(graph: ExportGraph): Elements {
  return {
    meta: graph.getAttributes(),
    async *nodes() {
      for (const { attributes } of graph.nodeEntries()) yield attributes;
    },
    async *edges() {
      for (const { attributes } of graph.edgeEntries()) yield attributes;
    },
  };
}

/** The elements gathered into a graph (which GEXF needs whole). */
export async function graphOf(elements: Elements): Promise<ExportGraph> {
  const graph = newGraph(elements.meta);
  for await (const node of elements.nodes()) graph.addNode(node.id, node);
  for await (const edge of elements.edges()) addEdge(graph, edge);
  return graph;
}

/**
 * The whole graph (its first `limit` entities by id, and the relationships among them),
 * read a page of entities at a time: nodes in one pass, then their outgoing relationships in
 * another (a symmetric one, returned at both ends, is written from its `from`). Document
 * labels, for the quotes, are read first.
 */
async function wholeGraph(ctx: Context, request: ExportRequest, limit = Number.POSITIVE_INFINITY): Promise<Elements> {
  const { store, call } = ctx;
  const documents = new Map<string, string>();
  for await (const page of pages(ctx, Number.POSITIVE_INFINITY, 'Document')) for (const d of page) documents.set(d.id, d.label);
  const { entities } = await store.stats();
  const truncated = limit < entities;
  const meta = { view: 'graph', description: truncated ? `the whole graph, its first ${limit} entities by id` : 'the whole graph', truncated };
  const isDocument = (id: string) => documents.has(id);
  return {
    meta,
    async *nodes() {
      for await (const page of pages(ctx, limit)) {
        for (const e of page) yield exportNode(e, request.language);
      }
    },
    async *edges() {
      // Cut at `limit`: a relationship is kept when its `to` is among the entities written too.
      let kept: Set<string> | null = null;
      if (truncated) {
        kept = new Set<string>();
        for await (const page of pages(ctx, limit)) for (const e of page) kept.add(e.id);
      }
      for await (const page of pages(ctx, limit)) {
        const ids = page.map((e) => e.id);
        const lists = await store.relationshipsOf(ids, { ...request.filter, direction: 'OUT' }, call);
        for (const [i, list] of lists.entries()) {
          const written = new Set<string>();
          for (const r of list) {
            if (r.from !== ids[i] || written.has(r.id) || (kept && !kept.has(r.to))) continue;
            written.add(r.id);
            yield exportEdge(r, request.language, documents, isDocument);
          }
        }
      }
    },
  };
}

/** Entities by id, a page at a time, at most `limit` of them. */
async function* pages(ctx: Context, limit: number, type?: Entity['type']): AsyncGenerator<Entity[]> {
  let after: string | undefined;
  for (let seen = 0; seen < limit; ) {
    const page = await ctx.store.listEntities({ type, first: Math.min(EXPORT_LIMITS.pageSize, limit - seen), after }, ctx.call);
    if (page.entities.length === 0) return;
    yield page.entities;
    seen += page.entities.length;
    if (!page.hasMore) return;
    after = page.entities[page.entities.length - 1]!.id;
  }
}

/**
 * Every shortest path between two entities (ignoring direction), at most
 * EXPORT_LIMITS.maxPaths, in the store's order (their relationship ids read from `from`).
 * Each node's distance is from `from`; its path, the first of these paths through it.
 */
async function pathsGraph(ctx: Context, request: ExportRequest, view: Extract<ExportView, { kind: 'paths' }>): Promise<ExportGraph> {
  const from = (await resolveEntity(ctx, view.from, 'from')).id;
  const to = (await resolveEntity(ctx, view.to, 'to')).id;
  // One more than kept, to say whether the cut left some out.
  const paths = await ctx.store.shortestPaths(from, to, view.maxDepth, EXPORT_LIMITS.maxPaths + 1, request.filter, ctx.call);
  const kept = paths.slice(0, EXPORT_LIMITS.maxPaths);
  const description = `shortest paths from ${from} to ${to}, up to ${view.maxDepth} hop(s)`;
  const meta = { view: 'paths', description, truncated: paths.length > kept.length, paths: kept.length };

  const hops = new Map<string, Hop>([[from, { distance: 0, path: [from] }]]);
  const relationships = new Map<string, Relationship>();
  for (const path of kept) {
    path.relationships.forEach((r, i) => {
      relationships.set(r.id, r);
      const node = path.nodes[i + 1]!.id;
      if (!hops.has(node)) hops.set(node, { distance: i + 1, path: path.nodes.slice(0, i + 2).map((n) => n.id) });
    });
  }
  // With no path, both ends and no edge.
  const ids = hops.has(to) ? [...hops.keys()] : [...hops.keys(), to];
  const far = (id: string) => hops.get(id)?.distance ?? Number.POSITIVE_INFINITY;
  ids.sort((a, b) => far(a) - far(b) || compareIds(a, b));
  const entities = (await ctx.store.getEntities(ids, ctx.call)).filter((e): e is Entity => e !== null);
  const rels = [...relationships.values()].sort((a, b) => compareIds(a.id, b.id));
  return build(ctx, request, meta, entities, rels, hops);
}

/** Each node's hop from the store's walk: its distance, and its path by following `via` back to the start. */
function hopsOf(sub: Subgraph): Map<string, Hop> {
  const byId = new Map(sub.relationships.map((r) => [r.id, r]));
  const hops = new Map<string, Hop>();
  // Nodes come by distance, so the node a `via` leads back to already has its path.
  sub.nodes.forEach((node, i) => {
    const via = sub.via[i] ? byId.get(sub.via[i]!) : undefined;
    const previous = via ? hops.get(via.from === node.id ? via.to : via.from) : undefined;
    hops.set(node.id, { distance: sub.distances[i]!, path: previous ? [...previous.path, node.id] : [node.id] });
  });
  return hops;
}
