import { searchTokens } from '../../domain/search-text';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(word: string): string {
  return word.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * The full-text query for a search text: every word must match, as a whole word
 * or as the prefix of one, like the embedded store's `"word"*`. The exact term is
 * there for scoring: Lucene gives prefix matches a constant score. Words are folded
 * letters and digits (searchTokens), escaped all the same. Null when there is no word.
 */
export function luceneQuery(text: string): string | null {
  const words = searchTokens(text).map(escapeLucene);
  if (words.length === 0) return null;
  return words.map((w) => `(${w} OR ${w}*)`).join(' AND ');
}
