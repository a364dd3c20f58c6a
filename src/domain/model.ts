import type { EntityType, Modality, RelationshipType } from './vocabulary';

/** A short verbatim quote of a source document that supports a fact. */
export interface Citation {
  /** Id of the Document entity quoted. */
  document: string;
  quote: string;
  /** Where in the document, e.g. `question`, `answer-3`. */
  section: string | null;
}

export type PropertyValue = string | number | boolean | string[] | Money | PartialDate;

export interface Money {
  value: number;
  currency: string;
  vat: 'included' | 'excluded' | 'unspecified';
  estimated?: boolean;
  text?: string;
}

/** A date at the precision the source gives it: `2020`, `2020-05`, `2020-10-09`, `2020-23` (autumn), `2019-36` (Q4). */
export interface PartialDate {
  date: string;
  text?: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  category: string | null;
  name: string;
  aliases: string[];
  properties: Record<string, PropertyValue>;
  sources: Citation[];
}

export interface Relationship {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, PropertyValue>;
  sources: Citation[];
  /** How the source states it; absent means `FACT`. */
  modality?: Modality;
  /** It holds from the start of this period on. */
  start?: PartialDate;
  /** It holds until the end of this period. */
  end?: PartialDate;
  /** It holds during this period. */
  at?: PartialDate;
}

/** Which relationships a read keeps, beyond their types. */
export interface RelationshipFilter {
  /** Only relationships of these modalities (absent modality counts as `FACT`); all when absent. */
  modalities?: readonly Modality[];
  /** Only relationships holding at some day of these days (ISO dates [first, last], as `parseDuring` gives them); all when absent. */
  validAt?: [string, string];
}

export type Direction = 'OUT' | 'IN' | 'BOTH';
export type DependencyDirection = 'UPSTREAM' | 'DOWNSTREAM';

export interface Subgraph {
  nodes: Entity[];
  relationships: Relationship[];
  truncated: boolean;
}

/** An ordered path: `relationships[i]` joins `nodes[i]` and `nodes[i + 1]`, in either direction. */
export interface Path {
  nodes: Entity[];
  relationships: Relationship[];
}

export interface SearchHit {
  entity: Entity;
  score: number;
}

/** The whole graph of the seed files, validated, ready for a store to hold. */
export interface GraphData {
  entities: Entity[];
  relationships: Relationship[];
  /** Content hash of the seed files: a store loads again only when it changes. */
  version: string;
}

export function relationshipId(from: string, type: string, to: string): string {
  return `${from}.${type.toLowerCase().replace(/_/g, '-')}.${to}`;
}
