import type { Citation, Entity, PartialDate, Relationship } from '../domain/model';
import { ENTITY_TYPE_WORDS, relationshipWords, type WordLanguage } from '../domain/plain-words';
import { BIBLIOGRAPHIC_TYPES, DEFAULT_MODALITY, isSymmetric, type EntityType, type Modality, type RelationshipType } from '../domain/vocabulary';

/**
 * What every export writes, whatever its format: one record per node and per edge, with the
 * same attributes everywhere (src/export/README.md lists them). Writers turn these into
 * their format; XML and CSV writers write arrays and objects (quotes, path) as JSON text.
 */
export type ExportNode = {
  id: string;
  label: string;
  type: EntityType;
  /** The type in plain words ("Plateforme"). */
  typeLabel: string;
  category: string | null;
  status: string | null;
  /** Documents, which the bibliographic edges join to their authors and subjects. */
  bibliographic: boolean;
  /** Hops from the view's start (0 for it); null in the whole graph and for nodes the walk did not reach. */
  distance: number | null;
  /** The ids from the start to this node, the first walk that reaches it; null where `distance` is. */
  path: string[] | null;
};

export type ExportQuote = {
  quote: string;
  section: string | null;
  /** Id of the document quoted. */
  document: string;
  documentLabel: string;
};

export type ExportEdge = {
  id: string;
  source: string;
  target: string;
  type: RelationshipType;
  /** The relationship in plain words, read from source to target ("exploite", "organise (prévu)"). */
  label: string;
  /** Read both ways (COLLABORATES_WITH): written as an undirected edge where the format has them. */
  symmetric: boolean;
  modality: Modality;
  /** An edge of a document's authorship or subject (AUTHORED, DESCRIBED_IN, ...) or one that touches a document. */
  bibliographic: boolean;
  quotes: ExportQuote[];
  /** Partial dates as the graph holds them (`2020`, `2020-05`, `2020-10-09`); null when the source gives none. */
  start: string | null;
  end: string | null;
  at: string | null;
};

/** The attributes of the exported graph itself: what view it is. */
export type ExportMeta = {
  /** `graph`, `around`, `dependencies` or `paths`. */
  view: string;
  /** One line saying what the view is ("dependencies DOWNSTREAM of fidus, up to 5 hops"). */
  description: string;
  /** True when the store stopped at the node limit: more was reachable. */
  truncated: boolean;
  /** Shortest paths found, for a `paths` view. */
  paths?: number;
};

/** A graph to write: its nodes first, then its edges, each read once (a whole graph streams them from the store). */
export interface Elements {
  meta: ExportMeta;
  nodes(): AsyncIterable<ExportNode>;
  edges(): AsyncIterable<ExportEdge>;
}

/** Relationship types that say who wrote, answered, published or describes a document rather than how actors relate. */

export interface Hop {
  distance: number;
  path: string[];
}

export function exportNode(entity: Entity, language: WordLanguage, hop?: Hop): ExportNode {
  return {
    id: entity.id,
    label: entity.label,
    type: entity.type,
    typeLabel: ENTITY_TYPE_WORDS[entity.type][language],
    category: entity.category,
    status: entity.status,
    bibliographic: entity.type === 'Document',
    distance: hop?.distance ?? null,
    path: hop?.path ?? null,
  };
}

/** `documents`: labels of the documents the relationship quotes; `isDocument` tells whether an end is one. */
export function exportEdge(
  r: Relationship,
  language: WordLanguage,
  documents: ReadonlyMap<string, string>,
  isDocument: (id: string) => boolean,
): ExportEdge {
  const modality = r.modality ?? DEFAULT_MODALITY;
  return {
    id: r.id,
    source: r.from,
    target: r.to,
    type: r.type,
    label: relationshipWords(r.type, modality, language),
    symmetric: isSymmetric(r.type),
    modality,
    bibliographic: BIBLIOGRAPHIC_TYPES.includes(r.type) || isDocument(r.from) || isDocument(r.to),
    quotes: r.sources.map((c) => exportQuote(c, documents)),
    start: dateOf(r.start),
    end: dateOf(r.end),
    at: dateOf(r.at),
  };
}

function exportQuote(c: Citation, documents: ReadonlyMap<string, string>): ExportQuote {
  return { quote: c.quote, section: c.section, document: c.document, documentLabel: documents.get(c.document) ?? c.document };
}

const dateOf = (d: PartialDate | undefined): string | null => d?.date ?? null;

/** The ids of the documents these relationships quote. */
export function quotedDocuments(relationships: readonly Relationship[]): Set<string> {
  return new Set(relationships.flatMap((r) => r.sources.map((c) => c.document)));
}
