/**
 * The one order of ids (and relationship types) the API promises, on every store:
 * Unicode code-point order, the order of SQLite's BINARY collation (UTF-8 bytes) and
 * of Neo4j's ORDER BY on strings. Not `localeCompare`, which folds case, skips
 * punctuation and depends on the machine's locale; and not `<` on JS strings, which
 * compares UTF-16 code units and so puts a character above U+FFFF (a surrogate pair)
 * before U+E000..U+FFFF.
 *
 * Negative when `a` comes first, positive when `b` does, 0 when they are equal.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * A UTF-16 code unit moved so that units compare as the code points they belong to:
 * surrogates (U+D800..U+DFFF, the halves of code points above U+FFFF) go above
 * U+E000..U+FFFF; every other unit keeps its place.
 */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

/** The order of an entity's relationships (GraphStore.relationshipsOf): by type, then by id. */
export function byTypeThenId(a: { type: string; id: string }, b: { type: string; id: string }): number {
  return compareIds(a.type, b.type) || compareIds(a.id, b.id);
}

/** The order of search hits (GraphStore.search): best score first, ties by id. */
export function byScoreThenId(a: { score: number; entity: { id: string } }, b: { score: number; entity: { id: string } }): number {
  return b.score - a.score || compareIds(a.entity.id, b.entity.id);
}

/**
 * The order of shortest paths (GraphStore.shortestPaths): by their relationship ids read
 * from the start, one after the other (the first relationship's id, then the second's...).
 */
export function byRelationshipIds(a: { relationships: readonly { id: string }[] }, b: { relationships: readonly { id: string }[] }): number {
  const n = Math.min(a.relationships.length, b.relationships.length);
  for (let i = 0; i < n; i++) {
    const c = compareIds(a.relationships[i]!.id, b.relationships[i]!.id);
    if (c !== 0) return c;
  }
  return a.relationships.length - b.relationships.length;
}
