import { BadInputError } from '../domain/errors';
import { isLanguage } from '../domain/language';
import type { Entity, Money, Name, PartialDate, Relationship } from '../domain/model';
import type { NameKind } from '../domain/vocabulary';
import type { Context } from './context';

/** The `language` argument, checked: an ISO 639 code such as `fr`, `nl` or `en` (any case). */
function languageArg(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const code = value.trim().toLowerCase();
  if (!isLanguage(code)) throw new BadInputError(`Argument "language" is not a language code (fr, nl, en...): "${value}".`, 'language');
  return code;
}

/** The language of an entity's document (a Document's own `language` property); null when unknown. */
async function documentLanguage(e: Entity, ctx: Context): Promise<string | null> {
  const id = e.sources[0]?.document;
  const document = e.type === 'Document' || id === undefined || id === e.id ? e : await ctx.loaders.entity.load(id);
  const language = document?.properties.language;
  return typeof language === 'string' ? language : null;
}

/** Fields `inferred` maps as the API lists them. */
const inferencesOf = (inferred: Record<string, string> | undefined) =>
  Object.entries(inferred ?? {}).map(([field, basis]) => ({ field, basis }));

/** The names of an entity: its label in a language, its official name, every name with its language and kind. */
export const nameFields = {
  label: (e: Entity, a: { language?: string | null }) => {
    const language = languageArg(a.language);
    if (language === null) return e.label;
    return e.names.find((n) => n.kind === 'LABEL' && n.language === language)?.text ?? e.label;
  },
  name: async (e: Entity, _: unknown, ctx: Context) => {
    const official = e.names.filter((n) => n.kind === 'OFFICIAL');
    if (official.length === 0) return e.label;
    const language = await documentLanguage(e, ctx);
    return official.find((n) => n.language === language)?.text ?? e.label;
  },
  aliases: (e: Entity) => e.names.map((n) => n.text),
  names: (e: Entity, a: { language?: string | null; kinds?: NameKind[] | null }): Name[] => {
    const language = languageArg(a.language);
    const kinds = a.kinds ?? null;
    return e.names.filter((n) => (language === null || n.language === language) && (kinds === null || kinds.includes(n.kind)));
  },
  status: (e: Entity) => e.status ?? null,
  inferences: (e: Entity) => inferencesOf(e.inferred),
};

export const relationshipInferences = (r: Relationship) => inferencesOf(r.inferred);

/** How sure an amount or a date is: inferred or approximate, and on what basis. */
export const certaintyFields = {
  Money: {
    inferred: (m: Money) => m.inferred === true,
    basis: (m: Money) => m.basis ?? null,
  },
  PartialDate: {
    inferred: (d: PartialDate) => d.inferred === true,
    approximate: (d: PartialDate) => d.approximate === true,
    basis: (d: PartialDate) => d.basis ?? null,
  },
};
