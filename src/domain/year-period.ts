/** A span of whole years, such as a legislature (2019 to 2024) or a session (2019 to 2020). */
export interface YearPeriod {
  start: number;
  end: number;
  /** The period as the data gives it. */
  text: string;
}

/** Two years joined by `/`, `-` or a dash: `19/24`, `2019-2024`, `2019–24`. */
const PATTERN = /^\s*(\d{2}|\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$/;

/** A two-digit first year after this one is of the 1900s (the legislature 1989-1995 prints « 89/95 »), otherwise of the 2000s. */
const PIVOT = 50;

/**
 * The years of a period as printed (`19/24`) or as written out (`2019-2024`); null for
 * anything else, or when it would end before it starts. A two-digit last year is the
 * first one after the start that ends in those digits (`1999/04` ends in 2004).
 */
export function parseYearPeriod(value: unknown): YearPeriod | null {
  if (typeof value !== 'string') return null;
  const m = PATTERN.exec(value);
  if (!m) return null;
  const [first, last] = [m[1]!, m[2]!];
  const start = first.length === 4 ? Number(first) : Number(first) + (Number(first) > PIVOT ? 1900 : 2000);
  let end = Number(last);
  if (last.length === 2) {
    end += Math.floor(start / 100) * 100;
    if (end < start) end += 100;
  }
  return end >= start ? { start, end, text: value } : null;
}
