import { Chunks } from './chunks';
import type { Elements, ExportEdge, ExportNode } from './elements';

/**
 * JSON written as the elements are read: `head`, each node as `node(n)` gives it, `between`,
 * each edge as `edge(e)` gives it, then `tail`; comma-separated, nodes and edges in one
 * list when `between` is null.
 */
export async function* streamJson(
  elements: Elements,
  shape: {
    head: string;
    node: (n: ExportNode) => unknown;
    between: string | null;
    edge: (e: ExportEdge) => unknown;
    tail: string;
  },
): AsyncGenerator<string> {
  const out = new Chunks();
  out.push(shape.head);
  let first = true;
  for await (const node of elements.nodes()) {
    out.push(`${first ? '\n' : ',\n'}${JSON.stringify(shape.node(node))}`);
    first = false;
    const chunk = out.full();
    if (chunk) yield chunk;
  }
  if (shape.between !== null) {
    out.push(shape.between);
    first = true;
  }
  for await (const edge of elements.edges()) {
    out.push(`${first ? '\n' : ',\n'}${JSON.stringify(shape.edge(edge))}`);
    first = false;
    const chunk = out.full();
    if (chunk) yield chunk;
  }
  out.push(shape.tail);
  yield out.rest();
}

/**
 * Cytoscape.js elements JSON, which Cytoscape desktop opens as .cyjs:
 * `{ data, elements: { nodes: [{ data }], edges: [{ data }] } }`, every attribute in `data`.
 * Streams.
 */
export function writeCyjs(elements: Elements): AsyncGenerator<string> {
  const head = {
    format_version: '1.0',
    generated_by: 'Brussels digital actors graph',
    target_cytoscapejs_version: '~3',
    data: { name: elements.meta.description, ...elements.meta },
  };
  return streamJson(elements, {
    head: `${JSON.stringify(head).slice(0, -1)},"elements":{"nodes":[`,
    node: (data) => ({ data }),
    between: '],"edges":[',
    edge: (data) => ({ data }),
    tail: ']}}\n',
  });
}

/**
 * graphology's serialisation (graph.export(); sigma.js and graphology's Graph.from read it):
 * `{ attributes, options, nodes: [{ key, attributes }], edges: [{ key, source, target, attributes, undirected }] }`.
 * Streams.
 */
export function writeGraphologyJson(elements: Elements): AsyncGenerator<string> {
  const head = { attributes: elements.meta, options: { type: 'mixed', multi: true, allowSelfLoops: true } };
  return streamJson(elements, {
    head: `${JSON.stringify(head).slice(0, -1)},"nodes":[`,
    node: (attributes) => ({ key: attributes.id, attributes }),
    between: '],"edges":[',
    edge: (attributes) => ({
      key: attributes.id,
      source: attributes.source,
      target: attributes.target,
      attributes,
      ...(attributes.symmetric ? { undirected: true } : {}),
    }),
    tail: ']}\n',
  });
}
