import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../domain/limits';
import { DEPENDENCY_TYPES, RELATIONSHIP_TYPES, type RelationshipType } from '../../domain/vocabulary';
import { PROJECT_ROOT } from '../../paths';

/** Every query the Neo4j store runs, each in `cypher/<name>.cypher`, named for what runs it. */
export const QUERY_NAMES = [
  'schema-entity-id',
  'schema-graph-meta',
  'schema-search-index',
  'schema-store-lock',
  'schema-api-token-hash',
  'schema-api-token-live-name',
  'schema-relationship-id',
  'schema-merged-id',
  'schema-merged-into',
  'schema-change-log',
  'schema-change-seq',
  'schema-change-at',
  'schema-change-target-record',
  'schema-change-target-seq',
  'schema-change-request-key',
  'schema-dataset-head',
  'schema-names',
  'schema-await-indexes',
  'ping',
  'graph-version',
  'stats',
  'get-entities',
  'list-entities',
  'search',
  'relationships-of',
  'neighbourhood',
  'shortest-path',
  'shortest-paths',
  'dependencies-upstream',
  'dependencies-downstream',
  'statements-of',
  'get-relationships',
  'merged-into',
  'replace-graph-state',
  'replace-graph-delete-relationships',
  'replace-graph-delete-entities',
  'replace-graph-entities',
  'replace-graph-create-entities',
  'replace-graph-existing-relationships',
  'replace-graph-relationships',
  'replace-graph-update-relationships',
  'replace-graph-merged-ids',
  'replace-graph-version',
  'change-lock',
  'change-begin',
  'change-last',
  'change-at',
  'change-write-log',
  'change-append-targets',
  'change-delete-relationships',
  'change-delete-entities',
  'change-merged-ids',
  'change-put-relationships',
  'change-read-entities',
  'change-read-between',
  'change-read-texts',
  'change-read-keys',
  'dataset-heads',
  'list-changes',
  'list-changes-of-target',
  'lock-acquire',
  'lock-renew',
  'lock-release',
  'token-create',
  'token-list',
  'token-revoke',
  'token-find',
  'token-touch',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** The queries whose variable-length bound is the `{{maxDepth}}` placeholder. */
export type DepthQueryName = 'neighbourhood' | 'shortest-path' | 'shortest-paths' | 'dependencies-upstream' | 'dependencies-downstream';

/** The queries that find relationships by id, through the `{{relationshipById}}` placeholder. */
const TYPED_QUERIES: readonly QueryName[] = ['get-relationships', 'change-delete-relationships', 'replace-graph-update-relationships'];

export const DEFAULT_CYPHER_DIR = join(PROJECT_ROOT, 'cypher');
const DEPTH_PLACEHOLDER = /\{\{maxDepth\}\}/g;
const BY_ID_PLACEHOLDER = /\{\{relationshipById\}\}/g;
const TYPE_PLACEHOLDER = /\{\{relationshipType\}\}/g;
/** A relationship type as it may be written into a query's text: the vocabulary's are. */
const TYPE_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * What `{{relationshipById}}` stands for: a MATCH binding `r`, the relationship of id
 * `id`, and its ends `a` and `b`, through every type of the vocabulary (each checked to be
 * a plain name), with a hint per type to seek `id` in that type's constraint index. Without
 * the hints, Neo4j plans a pattern naming several types as an index scan per id while the
 * indexes' statistics are still those of before a bulk load (seconds per call on 48,000
 * relationships).
 */
function relationshipById(): string {
  for (const t of RELATIONSHIP_TYPES) {
    if (!TYPE_NAME.test(t)) throw new Error(`The relationship type "${t}" cannot be written into a Cypher pattern.`);
  }
  return `MATCH (a)-[r:${RELATIONSHIP_TYPES.join('|')} {id: id}]->(b)\n${RELATIONSHIP_TYPES.map((t) => `USING INDEX SEEK r:${t}(id)`).join(' ')}`;
}

/**
 * The text sent for a query file: without its comment lines, indentation and blank
 * lines. The driver writes a message to the socket in pieces of 1400 bytes, and
 * the socket delays a second piece until the first is acknowledged, which the
 * server does only after some 40 ms when the message is incomplete: a query whose
 * message (text and parameters) fits in one piece answers that much sooner.
 * Only whole lines starting with `//` are dropped, so a `//` inside a string stays.
 */
export function compact(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}

export class CypherQueries {
  private readonly byDepth = new Map<string, string>();

  private constructor(private readonly texts: Record<QueryName, string>) {}

  /** Reads every query once, at start-up: a missing or empty file stops the start, named. */
  static load(dir: string = DEFAULT_CYPHER_DIR): CypherQueries {
    const texts = {} as Record<QueryName, string>;
    for (const name of QUERY_NAMES) {
      const file = join(dir, `${name}.cypher`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`Cannot read the Cypher query file ${file}: ${(error as Error).message}`, { cause: error });
      }
      text = compact(text);
      if (!text) throw new Error(`The Cypher query file ${file} is empty.`);
      texts[name] = text;
    }
    for (const name of ['neighbourhood', 'shortest-path', 'shortest-paths', 'dependencies-upstream', 'dependencies-downstream'] as const) {
      if (!texts[name].includes('{{maxDepth}}')) throw new Error(`The Cypher query file ${join(dir, `${name}.cypher`)} lacks its {{maxDepth}} placeholder.`);
    }
    // A relationship index covers one type: the queries that find relationships by id seek
    // them in each type's (schema-relationship-id.cypher).
    for (const name of TYPED_QUERIES) {
      if (!texts[name].includes('{{relationshipById}}')) throw new Error(`The Cypher query file ${join(dir, `${name}.cypher`)} lacks its {{relationshipById}} placeholder.`);
      texts[name] = texts[name].replace(BY_ID_PLACEHOLDER, relationshipById());
    }
    if (!texts['schema-relationship-id'].includes('{{relationshipType}}')) {
      throw new Error(`The Cypher query file ${join(dir, 'schema-relationship-id.cypher')} lacks its {{relationshipType}} placeholder.`);
    }
    // The dependency queries name the dependency types in their patterns (an expansion
    // then reads only those relationships): a type added to the vocabulary must be added there.
    for (const name of ['dependencies-upstream', 'dependencies-downstream'] as const) {
      const missing = DEPENDENCY_TYPES.filter((t) => !new RegExp(`[:|]${t}\\b`).test(texts[name]));
      if (missing.length) throw new Error(`The Cypher query file ${join(dir, `${name}.cypher`)} does not name the dependency type(s) ${missing.join(', ')}.`);
    }
    return new CypherQueries(texts);
  }

  text(name: QueryName): string {
    return this.texts[name];
  }

  /** schema-relationship-id for one type of the vocabulary: its text names the type, checked here. */
  forRelationshipType(type: RelationshipType): string {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type) || !TYPE_NAME.test(type)) throw new RangeError(`Not a relationship type of the vocabulary: "${type}".`);
    return this.texts['schema-relationship-id'].replace(TYPE_PLACEHOLDER, type);
  }

  /**
   * A traversal query for one depth. Cypher 5 accepts no parameter as a quantifier
   * bound, so the depth is written into the text: the only value ever put into a
   * query. It is re-checked here to be an integer in 1..maxTraversalDepth right
   * before substitution, so nothing but a small integer can reach the text.
   */
  withDepth(name: DepthQueryName, depth: number): string {
    if (!Number.isInteger(depth) || depth < 1 || depth > LIMITS.maxTraversalDepth) {
      throw new RangeError(`Traversal depth must be an integer from 1 to ${LIMITS.maxTraversalDepth}; got ${depth}.`);
    }
    const key = `${name}:${depth}`;
    let text = this.byDepth.get(key);
    if (text === undefined) {
      text = this.texts[name].replace(DEPTH_PLACEHOLDER, String(depth));
      this.byDepth.set(key, text);
    }
    return text;
  }
}
