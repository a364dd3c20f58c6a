import type { EntityStatus, EntityType, Modality, NameKind, RelationshipType } from './vocabulary';

/** A short verbatim quote of a source document that supports a fact. */
export interface Citation {
  /** Id of the Document entity quoted. */
  document: string;
  quote: string;
  /** Where in the document, e.g. `question`, `answer-3`. */
  section: string | null;
}

export type PropertyValue = string | number | boolean | string[] | Money | PartialDate;

/**
 * How sure a value is: `inferred` when it is read from the text by inference rather than as
 * written (EUR where the text has no currency sign), with its one-line `basis`. A value
 * carrying neither is read as written.
 */
export interface Certainty {
  inferred?: true;
  basis?: string;
}

export interface Money extends Certainty {
  value: number;
  currency: string;
  vat: 'included' | 'excluded' | 'unspecified';
  estimated?: boolean;
  text?: string;
}

/** A date at the precision the source gives it: `2020`, `2020-05`, `2020-10-09`, `2020-23` (autumn), `2019-36` (Q4). */
export interface PartialDate extends Certainty {
  date: string;
  text?: string;
  /** The date reads the text's words loosely (« fin 2019 » as the last quarter); `basis` says how. */
  approximate?: true;
}

/** A name of an entity other than its label, in its language (an ISO 639 code: fr, nl, en). */
export interface Name {
  text: string;
  language: string;
  kind: NameKind;
}

export interface Entity {
  id: string;
  type: EntityType;
  category: string | null;
  /** The display label, in the language of its document (at most LABEL_MAX_LENGTH characters). */
  label: string;
  /** Every other name: official names, acronyms, labels in other languages, the text's wordings, misprints, offices. */
  names: Name[];
  /** Where it stands, when the source says so; null when it does not. */
  status: EntityStatus | null;
  /** Plain fields (`category`, `status`) whose value is inferred, each with its basis; `{}` when none. */
  inferred: Record<string, string>;
  properties: Record<string, PropertyValue>;
  sources: Citation[];
  /** Curation bookkeeping (src/curation/): absent on a graph built straight from seed files. */
  record?: RecordInfo;
}

/**
 * Where a stored entity or relationship stands in the change log: `version`, the number of
 * the last change that touched it (what `expectedVersion` compares with); `datasets`, the
 * source datasets that state it (a seed file's name, `curation` for edits through the API);
 * `mergedFrom`, for an entity, the ids merged into it, chains included.
 */
export interface RecordInfo {
  version: number;
  datasets: string[];
  mergedFrom?: string[];
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
  /** Plain fields (`type`, `modality`) whose value is inferred, each with its basis; absent when none. */
  inferred?: Record<string, string>;
  /** Curation bookkeeping, as an entity's. */
  record?: RecordInfo;
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
  /** Hops from the start to each node, parallel to `nodes` (0 for the start). */
  distances: number[];
  /**
   * The id of the relationship by which the walk first reached each node, parallel to
   * `nodes`: one joining it to a node one hop closer to the start, the first by id
   * among several (compareIds); null for the start. Following it back gives the path
   * that reaches the node. Always one of `relationships`.
   */
  via: (string | null)[];
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
  /** Content hash of the seed files, or the change the graph reflects (src/curation/): a store loads again only when it changes. */
  version: string;
  /**
   * The last change of the log this graph reflects (src/curation/fold.ts). When given, the store
   * writes the graph only if its log still ends there (else ConflictError, nothing written), and
   * records it as the graph's version.
   */
  throughChange?: number;
}

export function relationshipId(from: string, type: string, to: string): string {
  return `${from}.${type.toLowerCase().replace(/_/g, '-')}.${to}`;
}
