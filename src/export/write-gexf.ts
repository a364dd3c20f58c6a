import type Graph from 'graphology';
import { write } from 'graphology-gexf';
import { scalar } from './chunks';
import type { Elements } from './elements';
import { graphOf } from './view';

/** What a GEXF element's attvalues hold: every attribute but those GEXF writes itself (id, label, source, target). */
function attvalues(attributes: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => !skip.includes(k)).map(([k, v]) => [k, scalar(v)]));
}

/**
 * GEXF 1.3 (Gephi), by graphology-gexf from the whole graph in memory: the format declares
 * each attribute's type before the nodes, which graphology-gexf infers from every value, so
 * it does not stream. Symmetric relationships are undirected edges of a mixed graph; arrays
 * and objects (path, quotes) are JSON text.
 */
export async function* writeGexf(elements: Elements): AsyncGenerator<string> {
  const graph: Graph = await graphOf(elements);
  const { view, description, truncated } = elements.meta;
  // GEXF 1.3's meta holds only creator, description and keywords (pedantic: the others are left out).
  graph.replaceAttributes({ creator: 'Brussels digital actors graph', description, keywords: `view=${view} truncated=${truncated}` });
  yield write(graph, {
    version: '1.3',
    pedantic: true,
    formatNode: (_key, attributes) => ({ label: attributes.label, attributes: attvalues(attributes, ['id', 'label']) }),
    formatEdge: (_key, attributes) => ({ label: attributes.label, attributes: attvalues(attributes, ['id', 'label', 'source', 'target']) }),
  });
}
