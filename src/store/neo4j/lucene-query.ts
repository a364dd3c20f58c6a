import { maxEdits, searchTokens } from '../../domain/search-text';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(word: string): string {
  return word.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * The full-text query for a search text: every word must match, as a whole word
 * or as the prefix of one, like the embedded store's `"word"*`; in the 'fuzzy' round,
 * also as a fuzzy term within the edits the search rule allows it (`word~1`, `word~2`:
 * Lucene's Damerau distance, see search-text.ts). The exact term is there for scoring:
 * Lucene gives prefix matches a constant score. Words are folded letters and digits
 * (searchTokens), escaped all the same. Null when there is no word, or, in the 'fuzzy'
 * round, no word that may have typos.
 */
export function luceneQuery(text: string, round: 'prefix' | 'fuzzy' = 'prefix'): string | null {
  const words = searchTokens(text);
  if (words.length === 0) return null;
  if (round === 'fuzzy' && !words.some((w) => maxEdits(w) > 0)) return null;
  return words
    .map((word) => {
      const w = escapeLucene(word);
      const edits = round === 'fuzzy' ? maxEdits(word) : 0;
      return edits > 0 ? `(${w} OR ${w}* OR ${w}~${edits})` : `(${w} OR ${w}*)`;
    })
    .join(' AND ');
}
