import type Database from 'better-sqlite3';
import type { StatementKey, StatementOptions } from '../store';

/** How the citations table (sqlite-schema.ts) numbers the two kinds of statement: entities sort first. */
const KIND_NUMBER = { entity: 0, relationship: 1 } as const;

/** One statement of a page: its kind, id and rowid in its own table. */
export interface CitedRow {
  kind: StatementKey['kind'];
  id: string;
  rowid: number;
}

/** Reads a document's page of the citations table; the store then reads the rows themselves by rowid. */
export class CitationReader {
  private readonly page: Database.Statement;
  private readonly count: Database.Statement;

  constructor(db: Database.Database) {
    this.page = db
      .prepare(`SELECT kind, id, row FROM citations WHERE document = @document AND (kind, id) > (@afterKind, @afterId) ORDER BY kind, id LIMIT @limit`)
      .raw();
    this.count = db.prepare(`SELECT count(*) FROM citations WHERE document = ?`).pluck();
  }

  /** Up to `first + 1` rows after `after` (one more tells whether more follow), and the document's total. */
  read(document: string, o: StatementOptions): { rows: CitedRow[]; totalCount: number } {
    const after = o.after ? { afterKind: KIND_NUMBER[o.after.kind], afterId: o.after.id } : { afterKind: -1, afterId: '' };
    const rows = (this.page.all({ document, ...after, limit: o.first + 1 }) as [number, string, number][]).map(
      ([kind, id, rowid]): CitedRow => ({ kind: kind === KIND_NUMBER.entity ? 'entity' : 'relationship', id, rowid }),
    );
    return { rows, totalCount: this.count.get(document) as number };
  }
}
