import type Database from 'better-sqlite3';
import type { Entity, SearchHit } from '../../domain/model';
import { editDistance, maxEdits, searchInRounds, searchText, searchTokens, type SearchCandidate } from '../../domain/search-text';
import { checkCall } from '../call-options';
import type { CallOptions } from '../store';

/**
 * Search in the embedded store. `entity_search` is an FTS5 table of each entity's
 * searchText (its names' words, already folded), and `entity_search_terms` the list
 * of the words it holds (fts5vocab). A word matches as a prefix through FTS5 (`"word"*`);
 * within typos, through the words of the index within the edit distance the rule allows
 * (search-text.ts), found in memory and ORed into the MATCH. That list is read once
 * and again only when the file changed, as the graph's shape is.
 *
 * Why not the trigram tokenizer: it finds rows sharing a trigram with the word, and each
 * must then be checked word by word; on the benchmark's medium graph that is hundreds of
 * rows and 4-14 ms per typo'd word, where the index's 2,500 words are read in 1.3 ms once
 * and compared in 0.3 ms.
 */
export const SQLITE_SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS entity_search USING fts5 (
  id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS entity_search_terms USING fts5vocab (entity_search, row);
`;
export const SQLITE_SEARCH_DROP = `
DROP TABLE IF EXISTS entity_search_terms; DROP TABLE IF EXISTS entity_search;
`;

/** At most this many index words stand for one typo'd word: the closest, as Lucene's fuzzy query expands to 50 terms. */
const MAX_EXPANSIONS = 50;

export class SqliteSearch {
  private readonly q;
  private terms: string[] | undefined;
  private termsVersion = -1;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      search: p(`SELECT id, bm25(entity_search) AS rank FROM entity_search WHERE entity_search MATCH ? ORDER BY rank LIMIT ?`).raw(),
      // Under the entity row's rowid, so that a change finds its entry without a scan.
      insert: p(`INSERT INTO entity_search (rowid, id, text) VALUES (?, ?, ?)`),
      clear: p(`DELETE FROM entity_search`),
      remove: p(`DELETE FROM entity_search WHERE rowid = ?`),
      terms: p(`SELECT term FROM entity_search_terms`).pluck(),
      dataVersion: p(`PRAGMA data_version`).pluck(),
    };
  }

  /** Within a load's transaction: empties the index. */
  clear(): void {
    this.q.clear.run();
    this.terms = undefined;
  }

  /** Within a load's transaction: indexes one entity, under its row's rowid. */
  insert(e: Entity, rowid: number | bigint): void {
    this.q.insert.run(rowid, e.id, searchText(e));
  }

  /** Within a change's transaction: indexes the entity of that row again (`null`: removes it), and forgets the words read. */
  replace(rowid: number | bigint, e: Entity | null): void {
    this.q.remove.run(rowid);
    if (e) this.insert(e, rowid);
    this.terms = undefined;
  }

  async search(
    text: string,
    first: number,
    call: CallOptions | undefined,
    entities: (ids: string[]) => Promise<(Entity | null)[]>,
  ): Promise<SearchHit[]> {
    const what = `search for "${text}"`;
    checkCall(call, what);
    const words = searchTokens(text);
    if (words.length === 0) return [];
    return searchInRounds(text, first, async (round) => {
      checkCall(call, what);
      const match = round === 'prefix' ? words.map((w) => `"${w}"*`).join(' ') : this.fuzzyMatch(words);
      if (match === null) return [];
      // Fetch more than asked: the tiers can reorder what bm25 ranked.
      const rows = this.q.search.all(match, Math.max(first * 5, 50)) as [string, number][];
      const found = await entities(rows.map((r) => r[0]));
      return rows.flatMap(([, rank], i): SearchCandidate[] => {
        const entity = found[i];
        return entity ? [{ entity, relevance: -rank / (1 - rank) }] : [];
      });
    });
  }

  /** Each word as a prefix or as one of the index's words within typos of it; null when no word has any. */
  private fuzzyMatch(words: string[]): string | null {
    let any = false;
    const groups = words.map((w) => {
      const near = this.near(w);
      if (near.length > 0) any = true;
      return `("${w}"*${near.map((t) => ` OR "${t}"`).join('')})`;
    });
    return any ? groups.join(' AND ') : null;
  }

  /** The index's words within the edit distance `word` allows, closest first, then in word order. */
  private near(word: string): string[] {
    const max = maxEdits(word);
    if (max === 0) return [];
    const found: [number, string][] = [];
    for (const term of this.vocabulary()) {
      if (term.startsWith(word)) continue;
      const d = editDistance(word, term, max);
      if (d <= max) found.push([d, term]);
    }
    found.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return found.slice(0, MAX_EXPANSIONS).map((f) => f[1]);
  }

  private vocabulary(): string[] {
    const version = this.q.dataVersion.get() as number;
    if (!this.terms || this.termsVersion !== version) {
      this.terms = this.q.terms.all() as string[];
      this.termsVersion = version;
    }
    return this.terms;
  }
}
