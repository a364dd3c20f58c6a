import { BadInputError } from './errors';
import type { Entity, Relationship } from './model';

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** First and last day of seasons (21-24, northern hemisphere) and quarters (33-36), as EDTF numbers them. */
const SUB_YEAR: Record<string, [string, string, number]> = {
  '21': ['03-20', '06-20', 0],
  '22': ['06-21', '09-22', 0],
  '23': ['09-23', '12-20', 0],
  '24': ['12-21', '03-19', 1],
  '33': ['01-01', '03-31', 0],
  '34': ['04-01', '06-30', 0],
  '35': ['07-01', '09-30', 0],
  '36': ['10-01', '12-31', 0],
};

/**
 * The days a partial date covers, as ISO dates [first, last]: `2020` is the whole
 * year, `2020-23` autumn 2020, `2019-36` the last quarter of 2019. Null when malformed.
 */
export function dateInterval(date: string): [string, string] | null {
  const m = PATTERN.exec(date);
  if (!m) return null;
  const [, year, part, day] = m as unknown as [string, string, string | undefined, string | undefined];
  if (!part) return [`${year}-01-01`, `${year}-12-31`];
  const sub = SUB_YEAR[part];
  if (sub) return [`${year}-${sub[0]}`, `${Number(year) + sub[2]}-${sub[1]}`];
  const month = Number(part);
  if (month < 1 || month > 12) return null;
  if (day) return [date, date];
  const last = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  return [`${year}-${part}-01`, `${year}-${part}-${String(last).padStart(2, '0')}`];
}

/** Parses a `during` argument, or says what is wrong with it. */
export function parseDuring(argument: string, value: string): [string, string] {
  const interval = dateInterval(value.trim());
  if (!interval) {
    throw new BadInputError(
      `Argument "${argument}" must be a partial date: YYYY, YYYY-MM, YYYY-MM-DD, a season YYYY-21..24 or a quarter YYYY-33..36; got "${value}".`,
      argument,
    );
  }
  return interval;
}

/** The intervals of every date property of an entity, which `during` filters compare against. */
export function entityIntervals(entity: Entity): [string, string][] {
  return Object.values(entity.properties).flatMap((v) => {
    const date = (v as { date?: unknown } | null)?.date;
    const interval = typeof date === 'string' ? dateInterval(date) : null;
    return interval ? [interval] : [];
  });
}

/** Bounds of a relationship with no time on that side: before and after any date. */
export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

/**
 * The days a relationship holds, [first, last] as ISO dates: from the first day of
 * `start`, until the last day of `end`, within `at`; open on a side with no time.
 * A relationship with no time holds always.
 */
export function relationshipInterval(r: Pick<Relationship, 'start' | 'end' | 'at'>): [string, string] {
  let first = OPEN_START;
  let last = OPEN_END;
  const start = r.start && dateInterval(r.start.date);
  const end = r.end && dateInterval(r.end.date);
  const at = r.at && dateInterval(r.at.date);
  if (start) first = start[0];
  if (end) last = end[1];
  if (at) {
    if (at[0] > first) first = at[0];
    if (at[1] < last) last = at[1];
  }
  return [first, last];
}
