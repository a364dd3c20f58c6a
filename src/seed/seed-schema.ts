import { ENTITY_STATUSES, ENTITY_TYPES, LABEL_MAX_LENGTH, MODALITIES, NAME_KINDS, RELATIONSHIP_TYPES } from '../domain/vocabulary';

/** The seed format this code reads; files of any other (or none) are refused (seed-format.ts). */
export const SEED_FORMAT = 2;


/**
 * JSON Schema of one seed file (seed/*.yaml): one source document, the entities
 * it names and the relationships it states, each with its citations.
 * Referential checks (ids, endpoints) are in check-references.ts.
 */

const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' };

/** EDTF subset: year, month, day, season (21-24), quarter (33-36). */
export const PARTIAL_DATE_PATTERN =
  '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-(2[1-4]|3[3-6]))?$';

const basis = { type: 'string', minLength: 3, maxLength: 200 };

/** A value read from the text by inference, not as written: it says so, with a one-line basis. */
const certainty = { inferred: { const: true }, basis };
/** An inferred or approximate value needs its basis; a basis on a value neither is refused in load-seed.ts (checkCertainty). */
const certaintyRules = { dependencies: { inferred: ['basis'], approximate: ['basis'] } };

const money = {
  type: 'object',
  required: ['value', 'currency', 'vat'],
  additionalProperties: false,
  properties: {
    value: { type: 'number', minimum: 0 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    vat: { enum: ['included', 'excluded', 'unspecified'] },
    estimated: { type: 'boolean' },
    text: { type: 'string', minLength: 1 },
    ...certainty,
  },
  ...certaintyRules,
};

const partialDate = {
  type: 'object',
  required: ['date'],
  additionalProperties: false,
  properties: {
    date: { type: 'string', pattern: PARTIAL_DATE_PATTERN },
    text: { type: 'string', minLength: 1 },
    ...certainty,
    /** The date reads the text's words loosely ("fin 2019" as the last quarter). */
    approximate: { const: true },
  },
  ...certaintyRules,
};

/** A property is a scalar, a list of strings, an amount of money or a partial date. */
const propertyValue = {
  type: ['string', 'number', 'boolean', 'array', 'object'],
  items: { type: 'string' },
  if: { type: 'object', required: ['date'] },
  then: partialDate,
  else: { if: { type: 'object' }, then: money },
};

const citation = {
  type: 'object',
  required: ['quote', 'section'],
  additionalProperties: false,
  properties: {
    quote: { type: 'string', minLength: 3, maxLength: 400 },
    section: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  },
};

const sources = { type: 'array', minItems: 1, items: citation };
const properties = {
  type: 'object',
  propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' },
  additionalProperties: propertyValue,
};
const label = { type: 'string', minLength: 1, maxLength: LABEL_MAX_LENGTH };

/** Every other name of an entity, each with its language (checked against Intl in load-seed.ts) and kind. */
const names = {
  type: 'array',
  items: {
    type: 'object',
    required: ['text', 'lang', 'kind'],
    additionalProperties: false,
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 200 },
      lang: { type: 'string', pattern: '^[a-z]{2,3}$' },
      /** A NameKind, in lowercase (`official`). */
      kind: { enum: NAME_KINDS.map((k) => k.toLowerCase()) },
    },
    if: { properties: { kind: { const: 'label' } } },
    then: { properties: { text: { type: 'string', maxLength: LABEL_MAX_LENGTH } } },
  },
};

/** Plain fields whose value is inferred, each with its one-line basis. */
const inferred = (fields: string[]) => ({
  type: 'object',
  propertyNames: { enum: fields },
  additionalProperties: basis,
  minProperties: 1,
});

const entity = {
  type: 'object',
  required: ['id', 'type', 'label', 'sources'],
  additionalProperties: false,
  properties: {
    id: slug,
    type: { enum: ENTITY_TYPES },
    category: slug,
    label,
    names,
    /** Where it stands, when the text says so, in lowercase (`planned`). */
    status: { enum: ENTITY_STATUSES.map((s) => s.toLowerCase()) },
    inferred: inferred(['category', 'status']),
    properties,
    sources,
  },
};

const relationship = {
  type: 'object',
  required: ['type', 'from', 'to', 'sources'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9.-]+$' },
    type: { enum: RELATIONSHIP_TYPES },
    from: slug,
    to: slug,
    /** How the source states it, in lowercase (`planned`); absent: `fact`. */
    modality: { enum: MODALITIES.map((m) => m.toLowerCase()) },
    /** When it holds: from the start of `start`, until the end of `end`, during `at`. */
    start: partialDate,
    end: partialDate,
    at: partialDate,
    inferred: inferred(['type', 'modality']),
    properties,
    sources,
  },
};

const documentEntry = {
  type: 'object',
  required: ['id', 'label', 'title', 'language', 'sources'],
  additionalProperties: false,
  properties: {
    id: slug,
    category: slug,
    /** As people cite it: its kind, number and year. */
    label,
    title: { type: 'string', minLength: 1 },
    /** The language of its text, and of every `label` in the file. */
    language: { type: 'string', pattern: '^[a-z]{2,3}$' },
    names,
    /** File name of the full text, looked up in SOURCES_DIR to check quotes. */
    sourceFile: { type: 'string', minLength: 1 },
    properties,
    sources,
  },
};

export const seedFileSchema = {
  type: 'object',
  required: ['format', 'document', 'entities', 'relationships'],
  additionalProperties: false,
  properties: {
    format: { const: SEED_FORMAT },
    document: documentEntry,
    entities: { type: 'array', items: entity },
    relationships: { type: 'array', items: relationship },
  },
};
