import { ENTITY_TYPE_WORDS, MODALITY_WORDS, RELATIONSHIP_WORDS, type WordLanguage } from '../domain/plain-words';
import type { EntityType } from '../domain/vocabulary';
import type { Citation, EntityDetail, PartialDate, Rel } from './api';
import { h, type Child } from './dom';
import { formatValue, propertyName } from './format';
import { TYPE_COLOURS } from './graph';
import { NAME_KIND_WORDS, STATUS_WORDS, t } from './i18n';

export const typeDot = (type: string) => h('span', { class: 'type-dot', style: `background:${TYPE_COLOURS[type as EntityType] ?? '#777'}`, 'aria-hidden': 'true' });

export const typeWords = (type: string, language: WordLanguage) => ENTITY_TYPE_WORDS[type as EntityType]?.[language] ?? type;

/** A quote with its section and document: « … » — answer-1, Question écrite n°412. */
export function quote(c: Citation, language: WordLanguage): HTMLElement {
  return h('blockquote', { class: 'quote' }, `« ${c.quote} »`, h('cite', {}, [c.section ? `${t('section', language)} ${c.section}` : '', c.document.label].filter(Boolean).join(' — ')));
}

/** Plans, invitations, proposals and other statements that are not plain facts, marked as such. */
export function modalityMark(rel: Rel, language: WordLanguage): Child {
  if (rel.modality === 'FACT') return null;
  const tentative = rel.modality !== 'ONGOING';
  return h('span', { class: `mark${tentative ? ' tentative' : ''}`, title: tentative ? t('plans', language) : undefined }, MODALITY_WORDS[rel.modality][language]);
}

function dateMarks(d: PartialDate | null, language: WordLanguage): Child[] {
  if (!d) return [];
  return [
    d.text ? `${d.text} (${d.date})` : d.date,
    d.inferred ? h('span', { class: 'mark', title: d.basis ?? undefined }, t('inferred', language)) : null,
    d.approximate ? h('span', { class: 'mark', title: d.basis ?? undefined }, t('approximate', language)) : null,
  ];
}

/** A relationship as a sentence read from its `from`: "CIRB exploite Fidus", the other end a button that opens it. */
export function relationshipLine(rel: Rel, self: string | undefined, language: WordLanguage, open: (id: string) => void): HTMLElement {
  const end = (n: Rel['from']) => {
    if (n.id === self) return h('strong', {}, n.label);
    const b = h('button', { type: 'button', class: 'link', 'data-open': n.id }, n.label);
    b.addEventListener('click', () => open(n.id));
    return h('span', {}, typeDot(n.type), b);
  };
  const when = rel.at ?? rel.start;
  return h(
    'span',
    { class: 'rel' },
    end(rel.from),
    ` ${RELATIONSHIP_WORDS[rel.type][language]} `,
    end(rel.to),
    modalityMark(rel, language),
    when ? h('span', { class: 'mark' }, ...dateMarks(when, language)) : null,
  );
}

/** The entity panel: label, type, names in each language, status, properties in words, sources, and its relationships by type. */
export function entityPanel(e: EntityDetail, language: WordLanguage, open: (id: string) => void): Child[] {
  const inferred = new Map(e.inferences.map((i) => [i.field, i.basis]));
  const inferredMark = (field: string) => (inferred.has(field) ? h('span', { class: 'mark', title: inferred.get(field) }, t('inferred', language)) : null);
  const byLanguage = new Map<string, EntityDetail['names']>();
  for (const n of e.names) byLanguage.set(n.language, [...(byLanguage.get(n.language) ?? []), n]);

  const facts: Child[] = [
    h('dt', {}, t('type', language)),
    h('dd', {}, typeDot(e.type), typeWords(e.type, language)),
  ];
  if (e.category) facts.push(h('dt', {}, t('category', language)), h('dd', {}, e.category.replace(/-/g, ' '), inferredMark('category')));
  if (e.status) facts.push(h('dt', {}, t('status', language)), h('dd', {}, STATUS_WORDS[e.status]?.[language] ?? e.status, inferredMark('status')));

  const properties = Object.entries(e.properties).map(([key, value]) => {
    const f = formatValue(value, language);
    return [h('dt', {}, propertyName(key, language)), h('dd', {}, f.text, ...f.marks.map((m) => h('span', { class: 'mark', title: f.basis }, m)))];
  });

  const groups = new Map<string, Rel[]>();
  for (const r of e.relationships) groups.set(r.type, [...(groups.get(r.type) ?? []), r]);

  return [
    h('h2', {}, e.label),
    e.name !== e.label ? h('p', {}, e.name) : null,
    h('dl', {}, facts),
    e.names.length
      ? [
          h('h3', {}, t('names', language)),
          h(
            'ul',
            {},
            [...byLanguage].map(([lang, names]) =>
              h('li', {}, h('strong', {}, `${lang} : `), names.map((n) => `${n.text} (${NAME_KIND_WORDS[n.kind]?.[language] ?? n.kind})`).join(' ; ')),
            ),
          ),
        ]
      : null,
    properties.length ? [h('h3', {}, t('properties', language)), h('dl', {}, properties.flat())] : null,
    e.sources.length ? [h('h3', {}, t('sources', language)), e.sources.map((s) => quote(s, language))] : null,
    h('h3', {}, `${t('relationships', language)} (${e.relationships.length})`),
    [...groups].map(([type, rels]) =>
      h(
        'section',
        { class: 'rel-group', 'data-type': type },
        h('h4', {}, `${RELATIONSHIP_WORDS[type as Rel['type']][language]} (${rels.length})`),
        h(
          'ul',
          {},
          rels.map((r) => h('li', { 'data-rel': r.id }, relationshipLine(r, e.id, language, open), r.sources.map((s) => quote(s, language)))),
        ),
      ),
    ),
  ];
}
