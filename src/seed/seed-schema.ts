import { ENTITY_TYPES, MODALITIES, RELATIONSHIP_TYPES } from '../domain/vocabulary';

/**
 * JSON Schema of one seed file (seed/*.yaml): one source document, the entities
 * it names and the relationships it states, each with its citations.
 * Referential checks (ids, endpoints) are in check-references.ts.
 */

const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' };

/** EDTF subset: year, month, day, season (21-24), quarter (33-36). */
export const PARTIAL_DATE_PATTERN =
  '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-(2[1-4]|3[3-6]))?$';

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
  },
};

const partialDate = {
  type: 'object',
  required: ['date'],
  additionalProperties: false,
  properties: {
    date: { type: 'string', pattern: PARTIAL_DATE_PATTERN },
    text: { type: 'string', minLength: 1 },
  },
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
const aliases = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

const entity = {
  type: 'object',
  required: ['id', 'type', 'name', 'sources'],
  additionalProperties: false,
  properties: {
    id: slug,
    type: { enum: ENTITY_TYPES },
    category: slug,
    name: { type: 'string', minLength: 1 },
    aliases,
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
    properties,
    sources,
  },
};

const documentEntry = {
  type: 'object',
  required: ['id', 'name', 'sources'],
  additionalProperties: false,
  properties: {
    id: slug,
    category: slug,
    name: { type: 'string', minLength: 1 },
    aliases,
    /** File name of the full text, looked up in SOURCES_DIR to check quotes. */
    sourceFile: { type: 'string', minLength: 1 },
    properties,
    sources,
  },
};

export const seedFileSchema = {
  type: 'object',
  required: ['document', 'entities', 'relationships'],
  additionalProperties: false,
  properties: {
    document: documentEntry,
    entities: { type: 'array', items: entity },
    relationships: { type: 'array', items: relationship },
  },
};
