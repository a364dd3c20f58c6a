import type { WordLanguage } from '../domain/plain-words';
import { PROPERTY_WORDS, t } from './i18n';

/** A property's name in words: from the table, else its camelCase key split into words. */
export function propertyName(key: string, language: WordLanguage): string {
  return PROPERTY_WORDS[key]?.[language] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

interface Formatted {
  text: string;
  /** Marks to show beside the value: inferred, approximate, estimated, with the basis as a tooltip. */
  marks: string[];
  basis?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thousands grouped with a space, as the sources write them: 220 000. */
function groupDigits(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + (fraction ? `,${fraction}` : '');
}

/**
 * A property value in words: money as "220 000 EUR HTVA", a date as the text gives it
 * ("cet automne", with its EDTF date beside), a list joined; inferred, approximate and
 * estimated values say so.
 */
export function formatValue(value: unknown, language: WordLanguage): Formatted {
  if (Array.isArray(value)) return { text: value.map((v) => formatValue(v, language).text).join(' · '), marks: [] };
  if (!isObject(value)) return { text: String(value), marks: [] };
  const marks: string[] = [];
  if (value.inferred) marks.push(t('inferred', language));
  if (value.approximate) marks.push(t('approximate', language));
  if (value.estimated) marks.push(t('estimated', language));
  const basis = typeof value.basis === 'string' ? value.basis : undefined;
  if (typeof value.value === 'number' && typeof value.currency === 'string') {
    const vat = String(value.vat ?? '').toUpperCase();
    const tax = vat === 'EXCLUDED' ? ' HTVA' : vat === 'INCLUDED' ? ' TVAC' : '';
    const written = typeof value.text === 'string' && value.text ? ` (« ${value.text} »)` : '';
    return { text: `${groupDigits(value.value)} ${value.currency}${tax}${written}`, marks, basis };
  }
  if (typeof value.date === 'string') {
    const text = typeof value.text === 'string' && value.text ? `${value.text} (${value.date})` : value.date;
    return { text, marks, basis };
  }
  return { text: JSON.stringify(value), marks, basis };
}
