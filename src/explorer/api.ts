import type { Modality, RelationshipType } from '../domain/vocabulary';

/** What the explorer reads of the GraphQL API at /graphql, on the same server. */
export interface NodeRef {
  id: string;
  type: string;
  label: string;
}

export interface Citation {
  quote: string;
  section: string | null;
  document: { id: string; label: string };
}

export interface PartialDate {
  date: string;
  text: string | null;
  inferred: boolean;
  approximate: boolean;
  basis: string | null;
}

export interface Rel {
  id: string;
  type: RelationshipType;
  /** In plain words, with its modality in brackets unless a plain fact: « intègre (en cours) ». */
  label: string;
  modality: Modality;
  symmetric: boolean;
  from: NodeRef;
  to: NodeRef;
  start: PartialDate | null;
  end: PartialDate | null;
  at: PartialDate | null;
  properties: Record<string, unknown>;
  sources: Citation[];
}

export interface EntityDetail extends NodeRef {
  category: string | null;
  name: string;
  status: string | null;
  names: { text: string; language: string; kind: string }[];
  inferences: { field: string; basis: string }[];
  properties: Record<string, unknown>;
  sources: Citation[];
  relationships: Rel[];
}

export interface Subgraph {
  nodes: NodeRef[];
  relationships: Rel[];
  truncated: boolean;
  /** One per node, in the order of `nodes`: its distance from the start and the relationship that reached it. */
  hops: { node: { id: string }; distance: number; via: { id: string } | null }[];
}

export interface Path {
  length: number;
  nodes: NodeRef[];
  relationships: Rel[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; suggestions?: string[] } }[] };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code, error.extensions?.suggestions ?? []);
  return body.data as T;
}

const DATE = 'date text inferred approximate basis';
const CITATION = 'quote section document { id label(language: $lang) }';
const REL = `id type label(language: $lang) modality symmetric from { id type label(language: $lang) } to { id type label(language: $lang) }
  start { ${DATE} } end { ${DATE} } at { ${DATE} } properties sources { ${CITATION} }`;
const NODE = 'id type label(language: $lang)';
const SUBGRAPH = `truncated nodes { ${NODE} } relationships { ${REL} } hops { node { id } distance via { id } }`;

export async function search(text: string, lang: string): Promise<NodeRef[]> {
  const q = `query Search($text: String!, $lang: String) { search(text: $text, first: 8) { entity { ${NODE} } } }`;
  const data = await gql<{ search: { entity: NodeRef }[] }>(q, { text, lang });
  return data.search.map((h) => h.entity);
}

export async function entity(id: string, lang: string): Promise<EntityDetail> {
  const q = `query Entity($id: ID!, $lang: String) { node(id: $id) { ${NODE} category name status names { text language kind }
    inferences { field basis } properties sources { ${CITATION} } relationships { ${REL} } } }`;
  return (await gql<{ node: EntityDetail }>(q, { id, lang })).node;
}

/** An entity's neighbours, never through relationships of `exclude` (the types the page hides). */
export async function neighbourhood(id: string, exclude: RelationshipType[], lang: string): Promise<Subgraph> {
  const q = `query Neighbourhood($id: ID!, $exclude: [RelationshipType!], $lang: String) {
    neighbourhood(id: $id, depth: 1, excludeTypes: $exclude, limit: 200) { ${SUBGRAPH} } }`;
  return (await gql<{ neighbourhood: Subgraph }>(q, { id, exclude, lang })).neighbourhood;
}

export async function dependencies(id: string, direction: 'DOWNSTREAM' | 'UPSTREAM', lang: string): Promise<Subgraph> {
  const q = `query Dependencies($id: ID!, $direction: DependencyDirection!, $lang: String) {
    dependencies(id: $id, direction: $direction, maxDepth: 10, limit: 500) { ${SUBGRAPH} } }`;
  return (await gql<{ dependencies: Subgraph }>(q, { id, direction, lang })).dependencies;
}

/** Every shortest path between two entities (at most `PATHS_SHOWN`), never through relationships of `exclude`. */
export const PATHS_SHOWN = 10;
export async function shortestPaths(from: string, to: string, exclude: RelationshipType[], lang: string): Promise<Path[]> {
  const q = `query Paths($from: ID!, $to: ID!, $exclude: [RelationshipType!], $first: Int, $lang: String) {
    shortestPaths(from: $from, to: $to, maxDepth: 6, first: $first, excludeTypes: $exclude) { length nodes { ${NODE} } relationships { ${REL} } } }`;
  return (await gql<{ shortestPaths: Path[] }>(q, { from, to, exclude, first: PATHS_SHOWN, lang })).shortestPaths;
}
