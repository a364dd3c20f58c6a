import type { EntityType } from '../domain/vocabulary';
import type { Elements, ExportEdge, ExportNode, ExportQuote } from './elements';
import { streamJson } from './write-json';

/** Where the graph's own ids and terms live: URNs, since they name no page one could fetch. */
export const ENTITY_IRI = 'urn:brussels-digital-graph:entity:';
export const RELATIONSHIP_IRI = 'urn:brussels-digital-graph:relationship:';
export const VOCABULARY_IRI = 'urn:brussels-digital-graph:vocab:';

/**
 * The context, inline (a linked-data tool never has to fetch one): W3C ORG for organisations
 * and memberships, PROV-O for the quotes a relationship is derived from, schema.org for the
 * other kinds of entities and for names and dates, and the graph's own vocabulary (`bdgv:`)
 * for what none of them has (relationship types, modality, hop distance).
 */
export const JSONLD_CONTEXT = {
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  schema: 'https://schema.org/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  bdge: ENTITY_IRI,
  bdgr: RELATIONSHIP_IRI,
  bdgv: VOCABULARY_IRI,
  id: '@id',
  type: '@type',
  name: 'schema:name',
  label: 'rdfs:label',
  entityType: 'bdgv:entityType',
  typeLabel: 'bdgv:typeLabel',
  category: 'bdgv:category',
  status: 'bdgv:status',
  bibliographic: 'bdgv:bibliographic',
  distance: 'bdgv:distance',
  path: { '@id': 'bdgv:path', '@type': '@id', '@container': '@list' },
  source: { '@id': 'bdgv:source', '@type': '@id' },
  target: { '@id': 'bdgv:target', '@type': '@id' },
  member: { '@id': 'org:member', '@type': '@id' },
  organization: { '@id': 'org:organization', '@type': '@id' },
  relationshipType: 'bdgv:relationshipType',
  symmetric: 'bdgv:symmetric',
  modality: 'bdgv:modality',
  startDate: 'schema:startDate',
  endDate: 'schema:endDate',
  at: 'bdgv:at',
  derivedFrom: { '@id': 'prov:wasDerivedFrom', '@container': '@set' },
  quote: 'prov:value',
  quotedFrom: { '@id': 'prov:wasQuotedFrom', '@type': '@id' },
  section: 'bdgv:section',
  documentLabel: 'bdgv:documentLabel',
  view: 'bdgv:view',
  description: 'schema:description',
  truncated: 'bdgv:truncated',
  paths: 'bdgv:paths',
} as const;

/** The classes of each entity type: ORG and PROV where they have one, schema.org otherwise, and the graph's own. */
const ENTITY_CLASSES: Record<EntityType, string[]> = {
  Organisation: ['org:Organization', 'prov:Agent'],
  Person: ['schema:Person', 'prov:Agent'],
  Platform: ['schema:SoftwareApplication'],
  Initiative: ['schema:Project'],
  Contract: ['schema:Intangible'],
  Funding: ['schema:MonetaryGrant'],
  Principle: ['schema:DefinedTerm'],
  Document: ['schema:DigitalDocument', 'prov:Entity'],
};

const entityIri = (id: string) => `bdge:${encodeURIComponent(id)}`;

function node(n: ExportNode): Record<string, unknown> {
  return {
    id: entityIri(n.id),
    type: [`bdgv:${n.type}`, ...ENTITY_CLASSES[n.type]],
    name: n.label,
    entityType: n.type,
    typeLabel: n.typeLabel,
    ...(n.category === null ? {} : { category: n.category }),
    ...(n.status === null ? {} : { status: n.status }),
    bibliographic: n.bibliographic,
    ...(n.distance === null ? {} : { distance: n.distance }),
    ...(n.path === null ? {} : { path: n.path.map(entityIri) }),
  };
}

/** A quote, as a PROV entity: its text (prov:value) quoted from a document (prov:wasQuotedFrom). */
function quote(q: ExportQuote): Record<string, unknown> {
  return {
    type: 'prov:Entity',
    quote: q.quote,
    quotedFrom: entityIri(q.document),
    documentLabel: q.documentLabel,
    ...(q.section === null ? {} : { section: q.section }),
  };
}

/** A relationship, as a node of its own (it carries its modality, dates and quotes); a membership is an org:Membership. */
function edge(e: ExportEdge): Record<string, unknown> {
  const membership = e.type === 'MEMBER_OF';
  return {
    id: `bdgr:${encodeURIComponent(e.id)}`,
    type: ['bdgv:Relationship', `bdgv:${e.type}`, ...(membership ? ['org:Membership'] : [])],
    label: e.label,
    source: entityIri(e.source),
    target: entityIri(e.target),
    ...(membership ? { member: entityIri(e.source), organization: entityIri(e.target) } : {}),
    relationshipType: e.type,
    symmetric: e.symmetric,
    modality: e.modality,
    bibliographic: e.bibliographic,
    ...(e.start === null ? {} : { startDate: e.start }),
    ...(e.end === null ? {} : { endDate: e.end }),
    ...(e.at === null ? {} : { at: e.at }),
    derivedFrom: e.quotes.map(quote),
  };
}

/**
 * JSON-LD with the context inline: `{ @context, @id, @type, ..., @graph: [entities..., relationships...] }`,
 * every node with an @type. Streams.
 */
export function writeJsonld(elements: Elements): AsyncGenerator<string> {
  const { meta } = elements;
  const head = {
    '@context': JSONLD_CONTEXT,
    id: 'bdgv:export',
    type: 'prov:Collection',
    view: meta.view,
    description: meta.description,
    truncated: meta.truncated,
    ...(meta.paths === undefined ? {} : { paths: meta.paths }),
  };
  return streamJson(elements, {
    head: `${JSON.stringify(head).slice(0, -1)},"@graph":[`,
    node,
    between: null,
    edge,
    tail: ']}\n',
  });
}
