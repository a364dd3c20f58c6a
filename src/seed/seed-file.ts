import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SeedIssue } from '../domain/errors';

/** One parsed seed file, kept with its YAML tree so that any issue can name its line. */
export class SeedFile {
  readonly data: unknown;
  readonly issues: SeedIssue[] = [];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    for (const error of this.doc.errors) {
      this.issues.push({
        file,
        path: '(yaml)',
        line: this.lines.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0] ?? error.message,
      });
    }
    this.data = this.doc.errors.length ? undefined : this.doc.toJS();
  }

  /** Records an issue at `segments` (e.g. ['relationships', 12, 'from']), with the nearest line found. */
  report(segments: readonly (string | number)[], message: string): void {
    this.issues.push({ file: this.file, path: formatPath(segments), line: this.lineOf(segments), message });
  }

  private lineOf(segments: readonly (string | number)[]): number | undefined {
    for (let n = segments.length; n >= 0; n--) {
      const node = this.doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }
}

export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out || '(root)';
}
