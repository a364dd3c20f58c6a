/** Folds case and accents and collapses spaces: "Numérique " and "numerique" fold alike. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a search text, folded: letters and digits only, as full-text indexes tokenise. */
export function searchTokens(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Ranks a hit so that every store orders alike: an exact name or alias first (3),
 * then a name or alias that starts with the text (2), then any other match (1);
 * `relevance` in [0, 1) from the store's own full-text score breaks ties within a tier.
 */
export function searchScore(text: string, names: readonly string[], relevance: number): number {
  const q = foldText(text);
  const folded = names.map(foldText);
  const tier = folded.includes(q) ? 3 : folded.some((n) => n.startsWith(q)) ? 2 : 1;
  return tier + Math.min(Math.max(relevance, 0), 0.999);
}
