import type { Entity, SearchHit } from './model';
import { byScoreThenId } from './order';

/**
 * The one search rule, which both stores follow: their full-text indexes only find
 * candidates, and every candidate is kept and ranked here.
 *
 * A text matches an entity when each of its words matches a word of one of the
 * entity's names (searchNames): as a prefix of it (a whole word included), or within
 * an edit distance (Damerau, a transposition counting one) of 1 for words of 3 to 5
 * characters and 2 for longer ones; words of 1 or 2 characters only as prefixes.
 * Case and accents are folded first (foldText).
 */

/** Every name search looks at for an entity. */
export function searchNames(e: Entity): string[] {
  return [e.label, ...e.names.map((n) => n.text)];
}

/** Folds case and accents and collapses spaces: "Numérique " and "numerique" fold alike. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a search text, folded: letters and digits only, as full-text indexes tokenise. */
export function searchTokens(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** What a store's full-text index holds for an entity: the words of its names, folded, space-separated. */
export function searchText(e: Entity): string {
  return searchTokens(searchNames(e).join(' ')).join(' ');
}

/** How many edits a query word may be from a name word: 0 up to 2 characters, 1 up to 5, then 2. */
export function maxEdits(word: string): number {
  return word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
}

/**
 * The edit distance between two words (optimal string alignment: insertions,
 * deletions, substitutions and transpositions of neighbours, each one edit),
 * or `max + 1` as soon as it is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** How a query word matches a name word: 'prefix' (a whole word included), 'fuzzy', or null. */
export function wordMatch(word: string, nameWord: string): 'prefix' | 'fuzzy' | null {
  if (nameWord.startsWith(word)) return 'prefix';
  const max = maxEdits(word);
  return max > 0 && editDistance(word, nameWord, max) <= max ? 'fuzzy' : null;
}

/** True when some name has as many words as the text, each within typos of the text's word at its place ("cirbb" and "CIRB"). */
function wholeNameWithinTypos(words: readonly string[], names: readonly string[]): boolean {
  return names.some((name) => {
    const nameWords = searchTokens(name);
    return nameWords.length === words.length && words.every((w, i) => wordMatch(w, nameWords[i]!) !== null);
  });
}

type SearchMatch = 'exact' | 'starting' | 'prefix' | 'close' | 'fuzzy';

/**
 * How a text matches names, best first: 'exact' name, a name 'starting' with it, every
 * word a 'prefix', a whole name within typos ('close'), some word within typos only
 * ('fuzzy'); null when not at all.
 */
export function searchMatch(text: string, names: readonly string[]): SearchMatch | null {
  const q = foldText(text);
  const folded = names.map(foldText);
  if (folded.includes(q)) return 'exact';
  if (folded.some((n) => n.startsWith(q))) return 'starting';
  const nameWords = searchTokens(names.join(' '));
  let fuzzy = false;
  for (const word of searchTokens(text)) {
    let best: 'prefix' | 'fuzzy' | null = null;
    for (const n of nameWords) {
      const m = wordMatch(word, n);
      if (m === 'prefix') {
        best = m;
        break;
      }
      best ??= m;
    }
    if (!best) return null;
    if (best === 'fuzzy') fuzzy = true;
  }
  if (!fuzzy) return 'prefix';
  return wholeNameWithinTypos(searchTokens(text), names) ? 'close' : 'fuzzy';
}

const TIER = { exact: 3, starting: 2, prefix: 1.5, close: 1.25, fuzzy: 1 } as const;
/** Width of a tier: 1 for exact and starting, 0.5 for prefix word matches, 0.25 for each kind of typo match. */
const WIDTH = { exact: 1, starting: 1, prefix: 0.5, close: 0.25, fuzzy: 0.25 } as const;

/**
 * Ranks a hit so that every store orders alike: an exact name or alias first (3.x),
 * then a name or alias that starts with the text (2.x), then names whose words each
 * start with a word of the text (1.5 to 2), then a whole name within typos (1.25 to 1.5),
 * then names with some word within typos (1 to 1.25);
 * `relevance` in [0, 1) from the store's own full-text score breaks ties within a tier.
 * Null when the names do not match the text.
 */
export function searchScore(text: string, names: readonly string[], relevance: number): number | null {
  const match = searchMatch(text, names);
  if (!match) return null;
  return TIER[match] + WIDTH[match] * Math.min(Math.max(relevance, 0), 0.999);
}

/** A candidate a store's full-text index found, with its own score mapped into [0, 1). */
export interface SearchCandidate {
  entity: Entity;
  relevance: number;
}

/** True when some word of the text may match with typos: whether a fuzzy round can find more. */
export function allowsTypos(text: string): boolean {
  return searchTokens(text).some((w) => maxEdits(w) > 0);
}

/**
 * A search on any store: `find('prefix')` asks the index for entities whose names
 * hold each word as a prefix; only when those give fewer than `first` hits, `find('fuzzy')`
 * asks for those within typos too. Candidates are kept and ranked by searchScore,
 * ties by id. Since a fuzzy match ranks below every prefix match, the second round
 * can only add hits after the first round's.
 */
export async function searchInRounds(
  text: string,
  first: number,
  find: (round: 'prefix' | 'fuzzy') => Promise<SearchCandidate[]>,
): Promise<SearchHit[]> {
  const hits = new Map<string, SearchHit>();
  const keep = (candidates: SearchCandidate[]) => {
    for (const { entity, relevance } of candidates) {
      if (hits.has(entity.id)) continue;
      const score = searchScore(text, searchNames(entity), relevance);
      if (score !== null) hits.set(entity.id, { entity, score });
    }
  };
  keep(await find('prefix'));
  if (hits.size < first && allowsTypos(text)) keep(await find('fuzzy'));
  return [...hits.values()].sort(byScoreThenId).slice(0, first);
}
