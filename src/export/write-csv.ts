import { Chunks, scalar } from './chunks';
import type { Elements, ExportEdge, ExportNode } from './elements';

const NODE_COLUMNS: (keyof ExportNode)[] = ['id', 'label', 'type', 'typeLabel', 'category', 'status', 'bibliographic', 'distance', 'path'];
const EDGE_COLUMNS: (keyof ExportEdge | 'quoteText')[] = [
  'id', 'source', 'target', 'type', 'label', 'symmetric', 'modality', 'bibliographic', 'start', 'end', 'at', 'quoteText', 'quotes',
];

/** One RFC 4180 field: quoted, its quotes doubled, when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  const text = String(scalar(value) ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: readonly unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The quotes as a person reads them in a spreadsheet cell: « quote » (document, section), one a line. */
function quoteText(e: ExportEdge): string {
  return e.quotes.map((q) => `« ${q.quote} » (${q.documentLabel}${q.section ? `, ${q.section}` : ''})`).join('\n');
}

async function* csv<T>(header: readonly string[], rows: AsyncIterable<T>, fields: (row: T) => unknown[]): AsyncGenerator<string> {
  const out = new Chunks();
  out.push(csvLine(header));
  for await (const row of rows) {
    out.push(csvLine(fields(row)));
    const chunk = out.full();
    if (chunk) yield chunk;
  }
  yield out.rest();
}

/**
 * The nodes as CSV (RFC 4180: CRLF line ends, a header line, fields quoted where needed;
 * the path as JSON text). Streams.
 */
export function writeNodesCsv(elements: Elements): AsyncGenerator<string> {
  return csv(NODE_COLUMNS, elements.nodes(), (n) => NODE_COLUMNS.map((c) => n[c]));
}

/** The edges as CSV, like the nodes: the quotes both readable (`quoteText`) and as JSON (`quotes`). Streams. */
export function writeEdgesCsv(elements: Elements): AsyncGenerator<string> {
  return csv(EDGE_COLUMNS, elements.edges(), (e) => EDGE_COLUMNS.map((c) => (c === 'quoteText' ? quoteText(e) : e[c])));
}
