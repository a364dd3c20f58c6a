import type { Context } from '../graphql/context';
import { FORMATS, type FormatName } from './formats';
import type { ExportRequest } from './view';
import { exportElements } from './view';

/**
 * An export's text, a chunk at a time: the view is read (and a bad or unknown id refused)
 * before the first chunk; the whole graph is then read from the store as chunks are asked for.
 */
export async function exportChunks(ctx: Context, request: ExportRequest, format: FormatName): Promise<AsyncGenerator<string>> {
  return FORMATS[format].write(await exportElements(ctx, request));
}

/** A file name saying what the export holds: graph.gexf, around-cirb.gexf, dependencies-fidus-downstream.nodes.csv. */
export function exportFileName(request: ExportRequest, format: FormatName): string {
  const { view } = request;
  const slug = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'entity';
  const stem =
    view.kind === 'graph'
      ? 'graph'
      : view.kind === 'around'
        ? `around-${slug(view.id)}`
        : view.kind === 'dependencies'
          ? `dependencies-${slug(view.id)}-${view.direction.toLowerCase()}`
          : `paths-${slug(view.from)}-${slug(view.to)}`;
  const file = FORMATS[format].file;
  return file.startsWith('graph.') ? `${stem}${file.slice('graph'.length)}` : `${stem}.${file}`;
}
