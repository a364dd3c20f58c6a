/**
 * The one rule for finding a quote in its document: whitespace runs count as one space (the
 * quotes are copied from texts laid out by hand), nothing else is changed. The seed's check and
 * the API's (addDocument, addCitation) both use it.
 */
export function normaliseQuoteText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether `quote` appears verbatim in `text`, by that rule. */
export function quoteIn(quote: string, text: string): boolean {
  const q = normaliseQuoteText(quote);
  return q.length > 0 && normaliseQuoteText(text).includes(q);
}
