import type { Elements } from './elements';
import { writeEdgesCsv, writeNodesCsv } from './write-csv';
import { writeGexf } from './write-gexf';
import { writeGraphml } from './write-graphml';
import { writeCyjs, writeGraphologyJson } from './write-json';
import { writeJsonld } from './write-jsonld';

export interface ExportFormat {
  /** The file name it is served as, under /export/, and written as by default. */
  file: string;
  contentType: string;
  /** The text of the export, a chunk at a time. */
  write: (elements: Elements) => AsyncGenerator<string>;
  /** Written as the store is read (the whole graph never held in memory). */
  streams: boolean;
}

/** Every export format, by the name `npm run export -- --format` takes. */
export const FORMATS = {
  gexf: { file: 'graph.gexf', contentType: 'application/gexf+xml; charset=utf-8', write: writeGexf, streams: false },
  graphml: { file: 'graph.graphml', contentType: 'application/graphml+xml; charset=utf-8', write: writeGraphml, streams: true },
  cyjs: { file: 'graph.cyjs', contentType: 'application/json; charset=utf-8', write: writeCyjs, streams: true },
  json: { file: 'graph.json', contentType: 'application/json; charset=utf-8', write: writeGraphologyJson, streams: true },
  jsonld: { file: 'graph.jsonld', contentType: 'application/ld+json; charset=utf-8', write: writeJsonld, streams: true },
  'nodes.csv': { file: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present', write: writeNodesCsv, streams: true },
  'edges.csv': { file: 'edges.csv', contentType: 'text/csv; charset=utf-8; header=present', write: writeEdgesCsv, streams: true },
} as const satisfies Record<string, ExportFormat>;

export type FormatName = keyof typeof FORMATS;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The format served at /export/<file>, if any. */
export function formatOfFile(file: string): FormatName | undefined {
  return FORMAT_NAMES.find((name) => FORMATS[name].file === file);
}
