import type { EntityPatch, PropertyPatch, RelationshipPatch } from '../changes/change';
import type { Draft } from '../curation/draft';
import { BadInputError } from '../domain/errors';
import { isLanguage } from '../domain/language';
import { CURATION_LIMITS, LIMITS } from '../domain/limits';
import type { Citation, Entity, Name, PartialDate, PropertyValue, Relationship } from '../domain/model';
import { dateInterval } from '../domain/partial-date';
import { LABEL_MAX_LENGTH, type EntityStatus, type EntityType, type Modality, type NameKind, type RelationshipType } from '../domain/vocabulary';

/*
 * Mutation inputs to drafts (src/curation/draft.ts), checked for shape: each problem is
 * BAD_USER_INPUT naming the field (`input.citations[1].quote`, or in a batch
 * `input.operations[2].createEntity.label`). GraphQL has checked types and enums already;
 * what is checked here is what the schema cannot say. Whether ids name what they must is
 * the commit's to check, on what its transaction reads (src/curation/plan-curation.ts).
 */

/** Ids as the seed writes them: lower-case words joined by hyphens (relationship ids add dots). */
const ENTITY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const RELATIONSHIP_ID = /^[a-z0-9]+([.-][a-z0-9]+)*$/;
const SECTION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PROPERTY_NAME = /^[a-z][A-Za-z0-9]*$/;

export interface CitationInput { document: string; quote: string; section?: string | null }
interface NameInput { text: string; language: string; kind: NameKind }
interface DateInput { date: string; text?: string | null; approximate?: boolean | null; inferred?: boolean | null; basis?: string | null }

const bad = (field: string, message: string) => new BadInputError(`Input field "${field}" ${message}.`, field);

function text(field: string, value: string | null | undefined, max: number, required = false): string | null {
  if (value === null || value === undefined) {
    if (required) throw bad(field, 'is required');
    return null;
  }
  const trimmed = value.trim();
  if (required && !trimmed) throw bad(field, 'must not be empty');
  if (trimmed.length > max) throw bad(field, `must be at most ${max} characters; got ${trimmed.length}`);
  if (hasControl(trimmed)) throw bad(field, 'must not hold control characters');
  return trimmed || null;
}

/** Control characters other than tab, line feed and carriage return. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

export function reasonOf(value: string | null | undefined, field = 'input.reason'): string {
  return text(field, value, CURATION_LIMITS.reasonLength, true)!;
}

/** An optional reason (a batch's operation, which takes the batch's when it has none). */
export function optionalReasonOf(value: string | null | undefined, field: string): string | null {
  return text(field, value, CURATION_LIMITS.reasonLength);
}

/** An idempotency key: printable, without spaces, at most 200 characters. */
export function idempotencyKeyOf(value: string | null | undefined, field = 'input.idempotencyKey'): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) throw bad(field, 'must be 1 to 200 printable characters without spaces (a UUID, say)');
  return value;
}

export function entityIdOf(field: string, value: string): string {
  if (value.length > LIMITS.maxIdLength) throw bad(field, `must be at most ${LIMITS.maxIdLength} characters; got ${value.length}`);
  return value;
}

/** A new entity's id: as given (a slug), or made from the label. */
function newId(field: string, given: string | null | undefined, label: string): string {
  if (given !== null && given !== undefined) {
    if (!ENTITY_ID.test(given) || given.length > LIMITS.maxIdLength) throw bad(field, `must be a slug: lower-case letters and digits joined by hyphens (\`agence-du-numerique\`), at most ${LIMITS.maxIdLength} characters; got "${given.slice(0, 80)}"`);
    return given;
  }
  const slug = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  if (!slug) throw bad(field, 'is required: no id can be made from this label');
  return slug;
}

function languageOf(field: string, value: string): string {
  const code = value.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code) || !isLanguage(code)) throw bad(field, `must be an ISO 639 language code (fr, nl, en); got "${value.slice(0, 20)}"`);
  return code;
}

export function citationsOf(field: string, list: readonly CitationInput[] | null | undefined, required: boolean): Citation[] {
  const items = list ?? [];
  if (required && items.length === 0) throw bad(field, 'must hold at least one citation: every fact states its source');
  if (items.length > CURATION_LIMITS.citations) throw bad(field, `must hold at most ${CURATION_LIMITS.citations} citations; got ${items.length}`);
  return items.map((c, i) => citationOf(`${field}[${i}]`, c));
}

export function citationOf(field: string, c: CitationInput): Citation {
  const section = text(`${field}.section`, c.section, 80);
  if (section !== null && !SECTION.test(section)) throw bad(`${field}.section`, `must be a slug such as \`answer-3\`; got "${section.slice(0, 40)}"`);
  const quote = text(`${field}.quote`, c.quote, CURATION_LIMITS.quoteLength, true)!;
  if (quote.length < 3) throw bad(`${field}.quote`, 'must be a quote of at least 3 characters');
  return { document: entityIdOf(`${field}.document`, c.document), quote, section };
}

function namesOf(field: string, list: readonly NameInput[] | null | undefined): Name[] | undefined {
  if (list === null || list === undefined) return undefined;
  if (list.length > CURATION_LIMITS.names) throw bad(field, `must hold at most ${CURATION_LIMITS.names} names; got ${list.length}`);
  return list.map((n, i) => {
    const max = n.kind === 'LABEL' ? LABEL_MAX_LENGTH : CURATION_LIMITS.nameLength;
    return { text: text(`${field}[${i}].text`, n.text, max, true)!, language: languageOf(`${field}[${i}].language`, n.language), kind: n.kind };
  });
}

function dateOf(field: string, d: DateInput | null | undefined): PartialDate | undefined {
  if (!d) return undefined;
  if (!dateInterval(d.date)) throw bad(`${field}.date`, `must be a partial date (2020, 2020-05, 2020-10-09, 2020-23 for autumn, 2020-36 for the last quarter); got "${d.date.slice(0, 20)}"`);
  const basis = text(`${field}.basis`, d.basis, 200);
  if ((d.approximate || d.inferred) && !basis) throw bad(`${field}.basis`, 'is required when a date is approximate or inferred: say how it was read');
  if (basis && !d.approximate && !d.inferred) throw bad(`${field}.basis`, 'explains a date that is approximate or inferred: set one, or remove the basis');
  const words = text(`${field}.text`, d.text, 200);
  return { date: d.date, ...(words ? { text: words } : {}), ...(d.approximate ? { approximate: true as const } : {}), ...(d.inferred ? { inferred: true as const } : {}), ...(basis ? { basis } : {}) };
}

/** Properties as a JSON object of named values; `nulls` keeps null values (an update's removals). */
function propertiesOf(field: string, value: unknown, nulls = false): Record<string, PropertyValue | null> | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw bad(field, 'must be a JSON object');
  const json = JSON.stringify(value);
  if (json.length > CURATION_LIMITS.propertiesLength) throw bad(field, `must be at most ${CURATION_LIMITS.propertiesLength} characters of JSON; got ${json.length}`);
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!PROPERTY_NAME.test(key)) throw bad(`${field}.${key.slice(0, 40)}`, 'is not a property name: lower camel case letters and digits (`launchDate`)');
    if (v === null && !nulls) throw bad(`${field}.${key}`, 'must not be null');
  }
  return value as Record<string, PropertyValue | null>;
}

/** What an update asks of the properties: those given set, those given as null removed (merged at commit, apply.ts); undefined when none given. */
function propertyPatch(field: string, input: unknown): PropertyPatch | undefined {
  const given = propertiesOf(field, input, true);
  if (!given) return undefined;
  const patch: PropertyPatch = { set: {}, remove: [] };
  for (const [k, v] of Object.entries(given)) {
    if (v === null) patch.remove.push(k);
    else patch.set[k] = v;
  }
  return patch;
}

export function addDocumentDraft(input: {
  id?: string | null; kind: string; label: string; title: string; language: string; number?: number | null; date?: DateInput | null;
  author?: string | null; addressee?: string | null; url?: string | null; text?: string | null;
}, p = 'input'): Draft {
  const label = text(`${p}.label`, input.label, LABEL_MAX_LENGTH, true)!;
  const kind = text(`${p}.kind`, input.kind, CURATION_LIMITS.categoryLength, true)!;
  if (!SECTION.test(kind)) throw bad(`${p}.kind`, `must be a slug such as \`written-question\`; got "${kind.slice(0, 40)}"`);
  const url = text(`${p}.url`, input.url, CURATION_LIMITS.textFieldLength);
  if (url !== null && !/^https?:\/\/\S+$/.test(url)) throw bad(`${p}.url`, 'must be an http or https URL');
  const body = input.text === null || input.text === undefined ? null : input.text;
  if (body !== null && body.length > CURATION_LIMITS.documentTextLength) throw bad(`${p}.text`, `must be at most ${CURATION_LIMITS.documentTextLength} characters`);
  if (body !== null && !body.trim()) throw bad(`${p}.text`, 'must not be empty; leave it out when the text is not known');
  const date = dateOf(`${p}.date`, input.date);
  const properties: Entity['properties'] = {
    title: text(`${p}.title`, input.title, CURATION_LIMITS.textFieldLength, true)!,
    language: languageOf(`${p}.language`, input.language),
    ...(input.number !== null && input.number !== undefined ? { number: input.number } : {}),
    ...(date ? { publishedOn: date } : {}),
    ...optional('author', text(`${p}.author`, input.author, CURATION_LIMITS.textFieldLength)),
    ...optional('addressee', text(`${p}.addressee`, input.addressee, CURATION_LIMITS.textFieldLength)),
    ...optional('url', url),
  };
  const entity: Entity = { id: newId(`${p}.id`, input.id, label), type: 'Document', category: kind, label, names: [], status: null, inferred: {}, properties, sources: [] };
  return { kind: 'ADD_DOCUMENT', entity, text: body };
}

const optional = (key: string, value: string | null) => (value === null ? {} : { [key]: value });

export function createEntityDraft(input: {
  id?: string | null; type: EntityType; label: string; category?: string | null; names?: NameInput[] | null; status?: EntityStatus | null; properties?: unknown;
}, citations: Citation[], p = 'input'): Draft {
  if (input.type === 'Document') throw bad(`${p}.type`, 'is Document: register documents with addDocument');
  const label = text(`${p}.label`, input.label, LABEL_MAX_LENGTH, true)!;
  const entity: Entity = {
    id: newId(`${p}.id`, input.id, label),
    type: input.type,
    category: text(`${p}.category`, input.category, CURATION_LIMITS.categoryLength),
    label,
    names: namesOf(`${p}.names`, input.names) ?? [],
    status: input.status ?? null,
    inferred: {},
    properties: (propertiesOf(`${p}.properties`, input.properties) ?? {}) as Entity['properties'],
    sources: citations,
  };
  return { kind: 'CREATE_ENTITY', entity };
}

export function updateEntityDraft(input: {
  id: string; label?: string | null; category?: string | null; names?: NameInput[] | null; status?: EntityStatus | null; properties?: unknown;
}, p = 'input'): Draft {
  const set: EntityPatch = {};
  if (input.label !== undefined && input.label !== null) set.label = text(`${p}.label`, input.label, LABEL_MAX_LENGTH, true)!;
  if (input.category !== undefined) set.category = text(`${p}.category`, input.category, CURATION_LIMITS.categoryLength);
  const names = namesOf(`${p}.names`, input.names);
  if (names) set.names = names;
  if (input.status !== undefined) set.status = input.status ?? null;
  const properties = propertyPatch(`${p}.properties`, input.properties);
  if (Object.keys(set).length === 0 && !properties) throw bad(p, 'changes nothing: give at least one of label, category, names, status, properties');
  return { kind: 'UPDATE_ENTITY', id: entityIdOf(`${p}.id`, input.id), set, ...(properties ? { properties } : {}) };
}

export function addRelationshipDraft(input: {
  id?: string | null; type: RelationshipType; from: string; to: string; modality?: Modality | null; start?: DateInput | null; end?: DateInput | null; at?: DateInput | null; properties?: unknown;
}, citations: Citation[], p = 'input'): Draft {
  const from = entityIdOf(`${p}.from`, input.from);
  const to = entityIdOf(`${p}.to`, input.to);
  if (from === to) throw bad(`${p}.to`, 'is the entity of "from": a relationship joins two entities');
  const idGiven = input.id !== null && input.id !== undefined;
  if (idGiven && (!RELATIONSHIP_ID.test(input.id!) || input.id!.length > LIMITS.maxIdLength)) {
    throw bad(`${p}.id`, 'must be lower-case letters and digits joined by hyphens or dots (`cirb.operates.fidus`)');
  }
  const r: Relationship = {
    id: idGiven ? input.id! : '',
    type: input.type,
    from,
    to,
    properties: (propertiesOf(`${p}.properties`, input.properties) ?? {}) as Relationship['properties'],
    sources: citations,
    ...(input.modality ? { modality: input.modality } : {}),
    ...times(input, p),
  };
  return { kind: 'ADD_RELATIONSHIP', relationship: r, idGiven };
}

function times(input: { start?: DateInput | null; end?: DateInput | null; at?: DateInput | null }, p: string) {
  const start = dateOf(`${p}.start`, input.start);
  const end = dateOf(`${p}.end`, input.end);
  const at = dateOf(`${p}.at`, input.at);
  return { ...(start ? { start } : {}), ...(end ? { end } : {}), ...(at ? { at } : {}) };
}

export function updateRelationshipDraft(input: {
  id: string; modality?: Modality | null; start?: DateInput | null; end?: DateInput | null; at?: DateInput | null; clear?: string[] | null; properties?: unknown;
}, p = 'input'): Draft {
  const set: RelationshipPatch = { ...times(input, p) };
  if (input.modality) set.modality = input.modality;
  for (const [i, key] of (input.clear ?? []).entries()) {
    if (key !== 'start' && key !== 'end' && key !== 'at') throw bad(`${p}.clear[${i}]`, `must be start, end or at; got "${key.slice(0, 20)}"`);
    if (set[key]) throw bad(`${p}.clear[${i}]`, `clears "${key}", which this input also sets`);
  }
  if (input.clear?.length) set.clear = input.clear as ('start' | 'end' | 'at')[];
  const properties = propertyPatch(`${p}.properties`, input.properties);
  if (Object.keys(set).length === 0 && !properties) throw bad(p, 'changes nothing: give at least one of modality, start, end, at, clear, properties');
  return { kind: 'UPDATE_RELATIONSHIP', id: entityIdOf(`${p}.id`, input.id), set, ...(properties ? { properties } : {}) };
}
