import XMLWriter from 'xml-writer';
import { Chunks, scalar, xmlText } from './chunks';
import type { Elements, ExportEdge, ExportMeta, ExportNode } from './elements';

type KeyType = 'string' | 'boolean' | 'int';

/** Every attribute a GraphML export may carry, declared as a <key> whether or not a value is written. */
const NODE_KEYS: [keyof ExportNode, KeyType][] = [
  ['label', 'string'],
  ['type', 'string'],
  ['typeLabel', 'string'],
  ['category', 'string'],
  ['status', 'string'],
  ['bibliographic', 'boolean'],
  ['distance', 'int'],
  ['path', 'string'],
];
const EDGE_KEYS: [keyof ExportEdge, KeyType][] = [
  ['label', 'string'],
  ['type', 'string'],
  ['symmetric', 'boolean'],
  ['modality', 'string'],
  ['bibliographic', 'boolean'],
  ['quotes', 'string'],
  ['start', 'string'],
  ['end', 'string'],
  ['at', 'string'],
];
const GRAPH_KEYS: [keyof ExportMeta, KeyType][] = [
  ['view', 'string'],
  ['description', 'string'],
  ['truncated', 'boolean'],
  ['paths', 'int'],
];

/**
 * GraphML 1.0 (yEd, Gephi, NetworkX, igraph), written with xml-writer as it reads the
 * elements: a <key> for every attribute, then nodes, then edges; symmetric relationships
 * are edges with directed="false" in a directed graph. Arrays and objects (path, quotes)
 * are JSON text. Streams.
 */
export async function* writeGraphml(elements: Elements): AsyncGenerator<string> {
  const out = new Chunks();
  const xml = new XMLWriter('  ', (text) => out.push(text));
  xml.startDocument('1.0', 'UTF-8');
  xml.startElement('graphml');
  xml.writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns');
  xml.writeAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance');
  xml.writeAttribute('xsi:schemaLocation', 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd');
  for (const [scope, keys] of [['graph', GRAPH_KEYS], ['node', NODE_KEYS], ['edge', EDGE_KEYS]] as const) {
    for (const [name, type] of keys) {
      xml.startElement('key');
      xml.writeAttribute('id', `${scope}.${name}`);
      xml.writeAttribute('for', scope);
      xml.writeAttribute('attr.name', name);
      xml.writeAttribute('attr.type', type);
      xml.endElement();
    }
  }
  xml.startElement('graph');
  xml.writeAttribute('id', 'G');
  xml.writeAttribute('edgedefault', 'directed');
  writeData(xml, 'graph', GRAPH_KEYS, elements.meta);
  for await (const node of elements.nodes()) {
    xml.startElement('node');
    xml.writeAttribute('id', xmlText(node.id));
    writeData(xml, 'node', NODE_KEYS, node);
    xml.endElement();
    const chunk = out.full();
    if (chunk) yield chunk;
  }
  for await (const edge of elements.edges()) {
    xml.startElement('edge');
    xml.writeAttribute('id', xmlText(edge.id));
    xml.writeAttribute('source', xmlText(edge.source));
    xml.writeAttribute('target', xmlText(edge.target));
    if (edge.symmetric) xml.writeAttribute('directed', 'false');
    writeData(xml, 'edge', EDGE_KEYS, edge);
    xml.endElement();
    const chunk = out.full();
    if (chunk) yield chunk;
  }
  xml.endElement();
  xml.endElement();
  xml.endDocument();
  out.push('\n');
  yield out.rest();
}

function writeData<T extends object>(xml: XMLWriter, scope: string, keys: [keyof T, KeyType][], values: T): void {
  for (const [name] of keys) {
    const value = scalar(values[name]);
    if (value === null) continue;
    xml.startElement('data');
    xml.writeAttribute('key', `${scope}.${String(name)}`);
    xml.text(xmlText(String(value)));
    xml.endElement();
  }
}
