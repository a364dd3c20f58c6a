import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { PROJECT_ROOT } from '../../src/paths';
import { requestHead, type Pace, type RawRequest } from './raw-http';

/**
 * Generates the hostile requests: every one a client mistake (or a client trick), none of
 * which may crash the server, earn a 5xx other than 503, or an error without a stable code.
 * Deterministic: the same seed gives the same requests, in the same order.
 */

export type Kind =
  | 'malformed-body'
  | 'json-types'
  | 'oversized'
  | 'variables'
  | 'injection'
  | 'bombs'
  | 'batching'
  | 'methods'
  | 'headers'
  | 'get'
  | 'utf8'
  | 'slow'
  | 'pipelining'
  | 'fuzz';

export const KINDS: Kind[] = ['malformed-body', 'json-types', 'oversized', 'variables', 'injection', 'bombs', 'batching', 'methods', 'headers', 'get', 'utf8', 'slow', 'pipelining', 'fuzz'];

/** The server's timeouts for slow clients in this suite (shorter than the defaults, 10 s and 30 s, to keep it quick). */
export const SLOW_CLIENT = { headersTimeoutMs: 1000, requestTimeoutMs: 2000 } as const;

export interface Expectation {
  /** Statuses allowed. */
  status?: number[];
  /** The answer must carry errors, every one with one of these codes (or data without errors, when `orData`). */
  codes?: string[];
  orData?: boolean;
  /** A BAD_USER_INPUT error must name one of these (in `extensions.argument`, or `$name` / `"name"` in its message). */
  names?: string[];
  /** The server may leave the request unanswered (it waits for bytes the client never sends). */
  allowNoAnswer?: boolean;
  /** A good request: status 200, data, no error. */
  ok?: boolean;
}

export interface HostileCase {
  kind: Kind;
  /** What the case is, in a few words: the same for all cases of one family, so that failures group. */
  family: string;
  request: RawRequest;
  expect: Expectation;
  /** Client-side wait for the answer, ms. */
  timeoutMs?: number;
  /** Write the request slowly (raw-http.ts). */
  pace?: Pace;
  /**
   * Requests sent after this one on the same connection, in the same write, each with what
   * it expects; a `smuggled` one travels inside the body of the one before (sends no bytes).
   */
  pipeline?: { request: RawRequest; expect: Expectation; smuggled?: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, seeded.

export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Building blocks

export const JSON_TYPE: [string, string][] = [['content-type', 'application/json']];
export const CSRF: [string, string] = ['x-graphql-csrf', '1'];
const GQL = '/graphql';

const post = (body: Buffer | string, headers: [string, string][] = JSON_TYPE): RawRequest => ({ method: 'POST', path: GQL, headers, body });
const postJson = (value: unknown, headers: [string, string][] = JSON_TYPE): RawRequest => post(JSON.stringify(value), headers);
const get = (path: string, headers: [string, string][] = [CSRF]): RawRequest => ({ method: 'GET', path, headers });

/** The codes the "Limits and errors" table of docs/reliability.md promises clients, in its order. */
export function documentedCodes(doc = readFileSync(join(PROJECT_ROOT, 'docs', 'reliability.md'), 'utf8')): string[] {
  const section = /^## Limits and errors\n([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';
  const codes = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
  if (codes.length < 5) throw new Error('docs/reliability.md: no table of error codes under "## Limits and errors"');
  return codes;
}

/** Codes a client mistake may get: the documented ones, but INTERNAL_SERVER_ERROR (a fault of the server). */
export const CLIENT_CODES = documentedCodes().filter((c) => c !== 'INTERNAL_SERVER_ERROR');
/** A query-limit code (depth, aliases, directives, tokens, cost): `LIMIT` in an expectation stands for any. */
export const LIMIT_CODE = /^[A-Z_]*(LIMIT|TOO_(DEEP|MANY|COMPLEX|COSTLY|LARGE|LONG|BIG))[A-Z_]*$/;
/** Several operations and no operationName that names one, or a document with no operation to run. */
const NO_OPERATION = ['OPERATION_RESOLUTION_FAILURE', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'];
const LIMITS = ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'];
/** What a body that is not a GraphQL request may get. */
const BAD_REQUEST = ['BAD_REQUEST', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED'];

/** The known valid requests that mutations start from. */
export function validBodies(readme: Map<number, string>): { query: string; variables?: Record<string, unknown>; operationName?: string }[] {
  return [
    ...[...readme.values()].map((query) => ({ query })),
    { query: 'query One($id: ID!) { node(id: $id) { id name type relationships(direction: OUT) { type to { id name } } } }', variables: { id: 'cirb' }, operationName: 'One' },
    { query: 'query Find($text: String!, $first: Int) { search(text: $text, first: $first) { score entity { id name } } }', variables: { text: 'numérique', first: 5 } },
    { query: '{ entities(type: "Initiative", during: "2020-23", first: 10) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }' },
    { query: 'query N($id: ID!, $depth: Int, $types: [RelationshipType!]) { neighbourhood(id: $id, depth: $depth, relationshipTypes: $types, limit: 50) { truncated nodes { id } relationships { id type } } }', variables: { id: 'cirb', depth: 2, types: ['OPERATES', 'PART_OF'] } },
    { query: '{ shortestPath(from: "cirb", to: "fidus", maxDepth: 6) { length nodes { id } relationships { type } } }' },
    { query: 'query D($d: DependencyDirection!) { dependencies(id: "fidus", direction: $d, maxDepth: 5) { truncated nodes { id } } }', variables: { d: 'DOWNSTREAM' } },
    { query: '{ node(id: "fidus") { ... on Platform { id name sources { quote section document { id } } } __typename } }' },
  ];
}

/** Renders a JS value as a GraphQL literal; `{ enum: 'X' }` renders as the bare name X. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  const o = v as Record<string, unknown>;
  if (typeof o.enum === 'string' && Object.keys(o).length === 1) return o.enum;
  return `{${Object.entries(o).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')}}`;
}

/** A small selection for a field's type: a scalar leaf, or `{ id }` for entities. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const t = getNamedType(field.type);
  if (isScalarType(t) || isEnumType(t)) return '';
  if (isInterfaceType(t)) return '{ id }';
  if (isObjectType(t)) {
    const leaf = Object.values(t.getFields()).find((f) => {
      const n = getNamedType(f.type);
      return (isScalarType(n) || isEnumType(n)) && f.args.every((a) => !isNonNullType(a.type));
    });
    return leaf ? `{ ${leaf.name} }` : '{ __typename }';
  }
  return '{ __typename }';
}

function typeText(t: GraphQLInputType): string {
  return String(t);
}

/** A valid value for an argument, to fill the required arguments around the one under test. */
function validValue(arg: GraphQLArgument): unknown {
  const t = getNamedType(arg.type);
  if (arg.name === 'to') return 'fidus';
  if (arg.name === 'text') return 'cirb';
  if (isEnumType(t)) return { enum: t.getValues()[0]!.name };
  if (t.name === 'Int') return 1;
  if (t.name === 'Boolean') return true;
  if (t.name === 'DateTime') return '2026-01-01T00:00:00Z';
  return 'cirb';
}

/** Values of the wrong type for an input type (not null: that is tested apart). */
function wrongValues(t: GraphQLInputType): unknown[] {
  const inner = isNonNullType(t) ? t.ofType : t;
  if (isListType(inner)) {
    const item = getNamedType(inner);
    // A list of ids takes any string or integer, and one alone as a list of one: only other shapes are wrong.
    if (!isEnumType(item)) return [[null], {}, true, [['x']], [{}], Array.from({ length: 3 }, () => 1.5)];
    const first = item.getValues()[0]!.name;
    return [['NOPE'], [null], {}, 1, true, [[first]], 'NOPE', [first.toLowerCase()], [{}], Array.from({ length: 3 }, () => 1.5)];
  }
  const n = getNamedType(inner);
  if (isEnumType(n)) {
    const first = n.getValues()[0]!.name;
    return ['NOPE', first.toLowerCase(), ` ${first}`, '', 1, true, {}, [first, first], 'null', '__proto__'];
  }
  switch (n.name) {
    case 'Int':
      return ['10', 1.5, 2147483648, -2147483649, 1e21, 2 ** 53 + 2, true, {}, [], 'abc', '', [1], '0x10', -0.5];
    case 'Boolean':
      return ['true', 'false', 1, 0, {}, [], '', [true]];
    case 'ID':
      return [{}, { id: 'cirb' }, [], ['cirb'], 1.5, true, false, -0.5];
    default:
      return [{}, [], 1, 1.5, true, ['cirb'], { toString: 'x' }];
  }
}

/** Int values of the right type that are out of range for some arguments. */
const EDGE_INTS = [0, -1, -2147483648, 2147483647, 4, 11, 101, 1001, 100000];

/** Strings aimed at SQL, FTS5, Cypher and Lucene, and at text handling in general. */
export const INJECTIONS: string[] = [
  // SQL
  "' OR '1'='1",
  "'; DROP TABLE entities; --",
  '" OR ""="',
  "cirb'--",
  "1; DELETE FROM relationships",
  "') UNION SELECT id, name, type FROM entities --",
  "%",
  "_",
  "cirb%' ESCAPE '\\",
  "x' || (SELECT sql FROM sqlite_master) || '",
  // FTS5
  '"',
  '""',
  '*',
  'cirb*',
  'NEAR(',
  'NEAR(cirb fidus, 2)',
  'OR',
  'AND',
  'NOT',
  'cirb OR fidus',
  '-',
  '-cirb',
  '^',
  '^cirb',
  'name:cirb',
  '{name aliases}: cirb',
  '"cirb" "fidus"',
  '(',
  ')',
  '+',
  // Cypher
  "cirb'}) MATCH (n) DETACH DELETE n //",
  '" RETURN 1 //',
  '`',
  '`Entity`',
  '$id',
  '{id: 1}',
  'MATCH (n) DETACH DELETE n',
  '\\u0027',
  // Lucene
  '~',
  'cirb~2',
  ':',
  '\\',
  '/',
  '/.*/',
  '[',
  '[a TO z]',
  '*:*',
  '!',
  '&&',
  '||',
  '?',
  'cirb^10',
  '"unterminated',
  '\\\\\\',
  // text in general
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'cirb\u0000fidus',
  '\u200b',
  '\u202ecirb',
  '🙂🙂🙂',
  'e\u0301',
  '\ud800',
  '\udfff cirb',
  'ﬁdus',
  'x'.repeat(201),
  'cirb '.repeat(2000),
  '__proto__',
  'constructor',
  'entity:cirb',
  'ZW50aXR5OmNpcmI',
  '2020-23',
  '9999-99',
];

/** A generator of random JSON values, bounded in depth. */
function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng.int(depth > 2 ? 6 : 8);
  switch (r) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, -1, 1.5, 2147483648, 1e308, -0, 42]);
    case 3: return rng.pick(INJECTIONS);
    case 4: return rng.pick(['cirb', 'fidus', 'DOWNSTREAM', 'OPERATES', 'Initiative', '2020-23']);
    case 5: return '';
    case 6: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(['id', 'text', 'query', 'x', '__proto__', '']), randomJson(rng, depth + 1)]));
  }
}

// ---------------------------------------------------------------------------------------------
// The families

function malformedBodies(rng: Rng, bodies: string[]): HostileCase[] {
  const out: HostileCase[] = [];
  const add = (family: string, body: Buffer | string, headers = JSON_TYPE) =>
    out.push({ kind: 'malformed-body', family, request: post(body, headers), expect: { status: [400, 415], codes: BAD_REQUEST } });
  for (const body of bodies) {
    // Truncated at random places (never at the full length, never empty).
    for (let i = 0; i < 30; i++) add('truncated JSON', body.slice(0, 1 + rng.int(body.length - 1)));
  }
  const q = JSON.stringify('{ node(id: "cirb") { id } }');
  const invalid = [
    `{query: ${q}}`,
    `{'query': ${q.replace(/^"|"$/g, "'")}}`,
    `{"query": ${q},}`,
    `{"query": ${q}} garbage`,
    `{"query": ${q}}{"query": ${q}}`,
    `{"query": ${q}, "variables": NaN}`,
    `{"query": ${q}, "variables": {"x": Infinity}}`,
    `{"query": ${q}, "variables": {"x": undefined}}`,
    `{"query": ${q} /* comment */}`,
    `{"query": "\\x41"}`,
    `{"query": "{ node(id: \\"cirb\\")\n{ id } }"}`,
    `{"query": "\u0001"}`,
    `{"query" ${q}}`,
    `{"query": ${q} "variables": {}}`,
    `{"query": ${q}, "variables": {"a": 01}}`,
    `{"query": ${q}, "variables": {"a": .5}}`,
    `{"query": ${q}, "variables": {"a": 0x10}}`,
    `{"query": ${q}, "variables": {"a": tru}}`,
    `{"query": ${q}, "variables": {"a": nul}}`,
    '{',
    '}',
    '"',
    '{"',
    '{"query"',
    '{"query":',
    '[',
    ' ',
    '\r\n',
    'query { node(id: "cirb") { id } }',
    '\ufeff{"query": "{ __typename }"}',
    `\u0000${'{"query": "{ __typename }"}'}`,
  ];
  for (const body of invalid) add('invalid JSON', body);
  // The body of a JSON content type in another encoding.
  add('UTF-16 body', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`{"query": ${q}}`, 'utf16le')]));
  out.push({ kind: 'malformed-body', family: 'UTF-16 body, declared', request: post(Buffer.from(`{"query": ${q}}`, 'utf16le'), [['content-type', 'application/json; charset=utf-16']]), expect: { status: [400, 415], codes: [...BAD_REQUEST, 'UNSUPPORTED_MEDIA_TYPE'] } });
  // Compressed bodies: garbage, and a valid gzip of a valid request (which should be answered, or refused with a code).
  for (const enc of ['gzip', 'deflate', 'br', 'x-unknown']) {
    // Answered as if not declared compressed (lenient), or refused.
    out.push({ kind: 'malformed-body', family: `content-encoding ${enc}, not compressed`, request: post(`{"query": ${q}}`, [...JSON_TYPE, ['content-encoding', enc]]), expect: { orData: true, codes: [...BAD_REQUEST, 'UNSUPPORTED_MEDIA_TYPE'] } });
  }
  // A valid gzip of a valid request: answered, or refused as an unsupported encoding (not as invalid JSON).
  out.push({ kind: 'malformed-body', family: 'content-encoding gzip, valid', request: post(gzipSync(`{"query": ${q}}`), [...JSON_TYPE, ['content-encoding', 'gzip']]), expect: { codes: ['UNSUPPORTED_MEDIA_TYPE'], orData: true } });
  // A zip bomb: under the body limit compressed, a hundred times more once inflated.
  out.push({ kind: 'malformed-body', family: 'content-encoding gzip, bomb', request: post(gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)), [...JSON_TYPE, ['content-encoding', 'gzip']]), expect: { status: [400, 413, 415], codes: [...BAD_REQUEST, 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] } });
  // Deep nesting in JSON: as the body, in variables, in extensions.
  for (const depth of [1000, 20000, 45000]) {
    add('deeply nested JSON body', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    add('deeply nested JSON body', `${'{"a":'.repeat(Math.min(depth, 15000))}1${'}'.repeat(Math.min(depth, 15000))}`);
    out.push({
      kind: 'malformed-body',
      family: 'deeply nested JSON variables',
      request: post(`{"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": ${'['.repeat(depth)}${']'.repeat(depth)}}}`),
      expect: { codes: ['BAD_USER_INPUT'], names: ['id'] },
    });
    out.push({
      kind: 'malformed-body',
      family: 'deeply nested JSON extensions',
      request: post(`{"query": "{ __typename }", "extensions": ${'{"a":'.repeat(Math.min(depth, 15000))}1${'}'.repeat(Math.min(depth, 15000))}}`),
      expect: { codes: BAD_REQUEST, orData: true },
    });
  }
  return out;
}

function jsonTypes(): HostileCase[] {
  const out: HostileCase[] = [];
  const q = '{ node(id: "cirb") { id } }';
  const add = (family: string, body: unknown, expect: Expectation = { status: [400], codes: BAD_REQUEST }) =>
    out.push({ kind: 'json-types', family, request: postJson(body), expect });
  for (const query of [1, 1.5, -1, true, false, null, [], [q], {}, { query: q }, '']) add('query of the wrong JSON type', { query }, { status: [200, 400], codes: BAD_REQUEST });
  // (yoga answers these with status 200.)
  for (const body of [{}, { variables: { id: 'cirb' } }, { operationName: 'A' }, { extensions: {} }]) add('no query', body, { status: [200, 400], codes: BAD_REQUEST });
  for (const variables of ['', 'x', '{"id": "cirb"}', 1, 0, true, false, [], [{}], [{ id: 'cirb' }]]) {
    // yoga reads a JSON text of variables; the others are no object.
    add('variables of the wrong JSON type', { query: 'query($id: ID) { node(id: $id) { id } }', variables }, { codes: BAD_REQUEST, orData: typeof variables === 'string' && variables.startsWith('{') });
  }
  for (const operationName of [1, true, {}, [], ['A'], 'Nope', '', ' A']) {
    add('operationName of the wrong type or unknown', { query: 'query A { node(id: "cirb") { id } } query B { node(id: "fidus") { id } }', operationName }, { codes: NO_OPERATION });
  }
  add('two operations, no operationName', { query: 'query A { __typename } query B { __typename }' }, { codes: NO_OPERATION });
  add('operationName with an anonymous operation', { query: q, operationName: 'A' }, { codes: NO_OPERATION });
  for (const extensions of ['x', 1, [], true, { persistedQuery: { version: 1, sha256Hash: 'abc' } }, { persistedQuery: 'x' }]) {
    add('extensions of the wrong type', { query: q, extensions }, { codes: BAD_REQUEST, orData: true });
  }
  add('persisted query without a query', { extensions: { persistedQuery: { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' } } }, { status: [200, 400], codes: BAD_REQUEST });
  for (const body of [1, 'x', '{"query": "{ __typename }"}', true, false, 0]) add('body of the wrong JSON type', body);
  add('unknown top-level keys', { query: q, foo: 1, __proto__: { polluted: true } }, { orData: true, codes: BAD_REQUEST });
  add('unknown top-level keys', JSON.parse(`{"query": ${JSON.stringify(q)}, "__proto__": {"query": "{ x }"}}`), { orData: true, codes: BAD_REQUEST });
  out.push({ kind: 'json-types', family: 'duplicated keys', request: post(`{"query": "{ x }", "query": ${JSON.stringify(q)}}`), expect: { orData: true, codes: [...BAD_REQUEST, 'GRAPHQL_VALIDATION_FAILED'] } });
  // Not a query operation.
  for (const query of ['mutation { node(id: "cirb") { id } }', 'subscription { node(id: "cirb") { id } }', 'subscription S { __typename }']) {
    add('query fields asked of a mutation or subscription', { query }, { codes: [...BAD_REQUEST, 'GRAPHQL_VALIDATION_FAILED'] });
  }
  // Changes need a token: without one, nothing is written.
  for (const query of [
    'mutation { retract(input: { id: "cirb", reason: "x" }) { change { seq } } }',
    'mutation { mergeEntities(input: { into: "cirb", from: "fidus", reason: "x" }) { change { seq } } }',
    'mutation { createEntity(input: { type: Platform, label: "x", citations: [{ document: "question-412-smart-city-2020", quote: "CIRB" }], reason: "x" }) { change { seq } } }',
  ]) {
    add('mutation without a token', { query }, { codes: ['UNAUTHENTICATED'] });
  }
  add('schema definition instead of a query', { query: 'type Query { x: Int }' }, { codes: NO_OPERATION });
  add('fragment only', { query: 'fragment F on Entity { id }' }, { codes: NO_OPERATION });
  add('empty document', { query: '   ' }, { codes: [...BAD_REQUEST, 'GRAPHQL_PARSE_FAILED'] });
  add('empty document', { query: '# only a comment' }, { codes: [...BAD_REQUEST, 'GRAPHQL_PARSE_FAILED'] });
  return out;
}

function oversized(maxBody: number): HostileCase[] {
  const out: HostileCase[] = [];
  const tooLarge: Expectation = { status: [413], codes: ['PAYLOAD_TOO_LARGE'] };
  const add = (family: string, request: RawRequest, expect: Expectation, timeoutMs?: number) => out.push({ kind: 'oversized', family, request, expect, timeoutMs });
  /** A valid request of exactly `n` bytes. */
  const padded = (n: number) => {
    const bare = JSON.stringify({ query: '{ __typename } #' });
    return JSON.stringify({ query: `{ __typename } #${'x'.repeat(Math.max(0, n - bare.length))}` });
  };
  for (const n of [maxBody + 1, maxBody + 100, 2 * maxBody, 1024 * 1024, 4 * 1024 * 1024]) {
    add('body over the limit', post(padded(n)), tooLarge);
    add('chunked body over the limit', { ...post(padded(n)), chunked: true }, tooLarge);
  }
  add('body over the limit, not JSON', post('x'.repeat(maxBody * 2), [['content-type', 'text/plain']]), { status: [413, 403], codes: ['PAYLOAD_TOO_LARGE', 'FORBIDDEN'] });
  // Declared over the limit, little sent: refused without waiting for the rest.
  add('declared over the limit', { ...post('{}'), headers: [...JSON_TYPE, ['content-length', String(maxBody + 1)]] }, tooLarge, 5000);
  add('declared over the limit', { ...post('{}'), headers: [...JSON_TYPE, ['content-length', String(2 ** 40)]] }, tooLarge, 5000);
  add('declared over the limit', { ...post('{}'), headers: [...JSON_TYPE, ['content-length', String(2 ** 53 + 2)]] }, { ...tooLarge, status: [413, 400] }, 5000);
  // Within the limit, but huge where it counts.
  const huge = 'x'.repeat(Math.floor(maxBody * 0.8));
  const withVars = (query: string, variables: unknown, expect: Expectation, family: string) => add(family, postJson({ query, variables }), expect);
  withVars('query($text: String!) { search(text: $text) { score } }', { text: huge }, { codes: ['BAD_USER_INPUT'], names: ['text'] }, 'huge string argument');
  withVars('query($id: ID!) { node(id: $id) { id } }', { id: huge }, { orData: true, codes: ['BAD_USER_INPUT'], names: ['id'] }, 'huge string argument');
  withVars('query($id: ID!) { neighbourhood(id: $id) { truncated } }', { id: huge }, { codes: ['NOT_FOUND', 'BAD_USER_INPUT'], names: ['id'] }, 'huge string argument');
  withVars('query($a: String) { entities(after: $a) { totalCount } }', { a: huge }, { codes: ['BAD_USER_INPUT'], names: ['after'] }, 'huge string argument');
  withVars('query($d: String) { entities(during: $d) { totalCount } }', { d: huge }, { codes: ['BAD_USER_INPUT'], names: ['during'] }, 'huge string argument');
  withVars('query($t: String) { entities(type: $t) { totalCount } }', { t: huge }, { codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], names: ['t', 'type'] }, 'huge string argument');
  add('huge string literal', postJson({ query: `{ search(text: ${JSON.stringify(huge)}) { score } }` }), { codes: ['BAD_USER_INPUT'], names: ['text'] });
  add('huge string literal', postJson({ query: `{ node(id: ${JSON.stringify(huge)}) { id } }` }), { orData: true, codes: ['BAD_USER_INPUT'] });
  add('huge block string literal', postJson({ query: `{ node(id: """${huge}""") { id } }` }), { orData: true, codes: ['BAD_USER_INPUT'] });
  add('huge comment', postJson({ query: `#${huge}\n{ __typename }` }), { orData: true, codes: LIMITS });
  add('huge operation name', postJson({ query: `query ${'A'.repeat(huge.length)} { __typename }` }), { orData: true, codes: LIMITS });
  add('huge operationName', postJson({ query: '{ __typename }', operationName: huge }), { codes: NO_OPERATION });
  add('huge field name', postJson({ query: `{ ${'a'.repeat(huge.length)} }` }), { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  add('many variables', postJson({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`v${i}`, i])) }), { orData: true, codes: BAD_REQUEST });
  add('many declared variables', postJson({ query: `query(${Array.from({ length: 3000 }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }` }), { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('long list variable', postJson({ query: 'query($t: [RelationshipType!]) { neighbourhood(id: "cirb", relationshipTypes: $t) { truncated } }', variables: { t: Array.from({ length: 8000 }, () => 'OPERATES') } }), { orData: true, codes: ['BAD_USER_INPUT'] });
  add('long list variable', postJson({ query: 'query($t: [RelationshipType!]) { node(id: "cirb") { relationships(types: $t) { id } } }', variables: { t: Array.from({ length: 8000 }, () => 'PART_OF') } }), { orData: true, codes: ['BAD_USER_INPUT'] });
  add('long list variable of the wrong type', postJson({ query: 'query($t: [RelationshipType!]) { neighbourhood(id: "cirb", relationshipTypes: $t) { truncated } }', variables: { t: Array.from({ length: 8000 }, (_, i) => `NOPE${i}`) } }), { codes: ['BAD_USER_INPUT'], names: ['t', 'relationshipTypes'] });
  return out;
}

function variablesAndArguments(schema: GraphQLSchema): HostileCase[] {
  const out: HostileCase[] = [];
  const fields = Object.values(schema.getQueryType()!.getFields());
  const add = (family: string, body: unknown, expect: Expectation) => out.push({ kind: 'variables', family, request: postJson(body), expect });
  for (const field of fields) {
    const sel = selectionFor(field);
    for (const arg of field.args) {
      const others = field.args.filter((a) => a !== arg && isNonNullType(a.type)).map((a) => `${a.name}: ${literal(validValue(a))}`);
      const call = (value: string) => `${field.name}(${[`${arg.name}: ${value}`, ...others].join(', ')}) ${sel}`;
      const viaVariable = (value: unknown, family: string, expect: Expectation = { codes: ['BAD_USER_INPUT'], names: [arg.name] }) =>
        add(family, { query: `query($${arg.name}: ${typeText(arg.type)}) { ${call(`$${arg.name}`)} }`, variables: value === undefined ? {} : { [arg.name]: value } }, expect);
      for (const wrong of wrongValues(arg.type)) {
        viaVariable(wrong, `variable of the wrong type (${getNamedType(arg.type).name})`);
        // A literal too large for an Int may meet the cost limit first.
        add(`literal of the wrong type (${getNamedType(arg.type).name})`, { query: `{ ${call(literal(wrong))} }` }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'LIMIT'] });
      }
      if (isNonNullType(arg.type)) {
        viaVariable(null, 'null for a non-null variable');
        viaVariable(undefined, 'missing non-null variable');
        add('null literal for a non-null argument', { query: `{ ${call('null')} }` }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] });
        add('nullable variable in a non-null position', { query: `query($${arg.name}: ${typeText(arg.type).replace(/!$/, '')}) { ${call(`$${arg.name}`)} }`, variables: { [arg.name]: validValue(arg) } }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] });
      } else {
        // An explicit null where a default exists: answered, or refused naming the argument.
        viaVariable(null, 'explicit null for an argument with a default', { orData: true, codes: ['BAD_USER_INPUT'], names: [arg.name] });
        add('explicit null literal for an argument with a default', { query: `{ ${call('null')} }` }, { orData: true, codes: ['BAD_USER_INPUT'], names: [arg.name] });
      }
      if (getNamedType(arg.type).name === 'Int' && !isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type)) {
        for (const n of EDGE_INTS) {
          viaVariable(n, 'Int at the edge of or out of its range', { orData: true, codes: ['BAD_USER_INPUT', 'LIMIT'], names: [arg.name] });
          add('Int literal at the edge of or out of its range', { query: `{ ${call(String(n))} }` }, { orData: true, codes: ['BAD_USER_INPUT', 'LIMIT'], names: [arg.name] });
        }
      }
      add('variable declared with another type', { query: `query($${arg.name}: Float) { ${call(`$${arg.name}`)} }`, variables: { [arg.name]: 1 } }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] });
      add('undeclared variable', { query: `{ ${call('$undeclared')} }`, variables: { undeclared: validValue(arg) } }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] });
      add('variable of an unknown type', { query: `query($${arg.name}: Gadget) { ${call(`$${arg.name}`)} }`, variables: { [arg.name]: 'x' } }, { codes: ['GRAPHQL_VALIDATION_FAILED'] });
    }
    add('unknown argument', { query: `{ ${field.name}(colour: 1${field.args.filter((a) => isNonNullType(a.type)).map((a) => `, ${a.name}: ${literal(validValue(a))}`).join('')}) ${sel} }` }, { codes: ['GRAPHQL_VALIDATION_FAILED'] });
    if (field.args.length) add('argument given twice', { query: `{ ${field.name}(${field.args.map((a) => `${a.name}: ${literal(validValue(a))}`).join(', ')}, ${field.args[0]!.name}: ${literal(validValue(field.args[0]!))}) ${sel} }` }, { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  }
  // Boolean: the only Boolean arguments are the directives' `if`.
  for (const directive of ['include', 'skip']) {
    for (const wrong of [...wrongValues(schema.getType('Boolean') as GraphQLInputType), null, undefined]) {
      add('variable of the wrong type (Boolean)', { query: `query($if: Boolean!) { node(id: "cirb") @${directive}(if: $if) { id } }`, variables: wrong === undefined ? {} : { if: wrong } }, { codes: ['BAD_USER_INPUT'], names: ['if'] });
      add('literal of the wrong type (Boolean)', { query: `{ node(id: "cirb") @${directive}(if: ${literal(wrong ?? null)}) { id } }` }, { codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] });
    }
  }
  // Arguments of an entity's field: relationships(direction, types).
  for (const [name, type] of [['direction', 'Direction'], ['types', '[RelationshipType!]']] as const) {
    const wrongs = name === 'direction' ? ['NOPE', 'out', 1, {}, ['OUT']] : [['NOPE'], [null], 'NOPE', {}, 1];
    for (const wrong of wrongs) {
      add(`variable of the wrong type (${type})`, { query: `query($${name}: ${type}) { node(id: "cirb") { relationships(${name}: $${name}) { id } } }`, variables: { [name]: wrong } }, { codes: ['BAD_USER_INPUT'], names: [name] });
    }
  }
  return out;
}

function injections(schema: GraphQLSchema): HostileCase[] {
  const out: HostileCase[] = [];
  const fields = Object.values(schema.getQueryType()!.getFields());
  for (const field of fields) {
    const sel = selectionFor(field);
    for (const arg of field.args) {
      const named = getNamedType(arg.type).name;
      if (named !== 'String' && named !== 'ID') continue;
      const others = field.args.filter((a) => a !== arg && isNonNullType(a.type)).map((a) => `${a.name}: ${literal(validValue(a))}`);
      const call = (value: string) => `${field.name}(${[`${arg.name}: ${value}`, ...others].join(', ')}) ${sel}`;
      const expect: Expectation = { orData: true, codes: ['BAD_USER_INPUT', 'NOT_FOUND'], names: [arg.name] };
      for (const s of INJECTIONS) {
        out.push({ kind: 'injection', family: `injection in ${field.name}(${arg.name}) as a variable`, request: postJson({ query: `query($${arg.name}: ${typeText(arg.type)}) { ${call(`$${arg.name}`)} }`, variables: { [arg.name]: s } }), expect });
        // As a literal; a lone surrogate escape is not a valid GraphQL string.
        const lone = /[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
        out.push({ kind: 'injection', family: `injection in ${field.name}(${arg.name}) as a literal`, request: postJson({ query: `{ ${call(JSON.stringify(s))} }` }), expect: lone ? { ...expect, codes: [...expect.codes!, 'GRAPHQL_PARSE_FAILED'] } : expect });
      }
    }
  }
  return out;
}

function bombs(): HostileCase[] {
  const out: HostileCase[] = [];
  const limit: Expectation = { codes: LIMITS };
  const add = (family: string, query: string, expect: Expectation = limit, variables?: unknown) =>
    out.push({ kind: 'bombs', family, request: postJson(variables === undefined ? { query } : { query, variables }), expect, timeoutMs: 20000 });
  for (const depth of [7, 10, 25, 100, 400]) {
    let nested = 'id';
    for (let i = 0; i < depth; i++) nested = `relationships { to { ${nested} } }`;
    add('depth bomb', `{ node(id: "cirb") { ${nested} } }`);
  }
  for (const depth of [13, 50, 300]) add('depth bomb (introspection)', `{ __schema { types { ${'fields { type { '.repeat(depth)} name ${'} } '.repeat(depth)} } } }`);
  for (const depth of [50, 2000, 12000]) add('depth bomb (unknown fields)', `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`, { codes: [...LIMITS, 'GRAPHQL_PARSE_FAILED'] });
  for (const depth of [100, 5000, 30000]) {
    add('nested list literal', `{ neighbourhood(id: "cirb", relationshipTypes: ${'['.repeat(depth)}OPERATES${']'.repeat(depth)}) { truncated } }`, { codes: [...LIMITS, 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'] });
    add('nested object literal', `{ node(id: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}) { id } }`, { codes: [...LIMITS, 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'] });
  }
  for (const n of [16, 60, 400]) add('alias bomb', `{ ${Array.from({ length: n }, (_, i) => `a${i}: node(id: "cirb") { id }`).join(' ')} }`);
  add('alias bomb (nested)', `{ node(id: "cirb") { ${Array.from({ length: 14 }, (_, i) => `r${i}: relationships { t${i}: to { ${Array.from({ length: 14 }, (_, j) => `n${j}: name`).join(' ')} } }`).join(' ')} } }`);
  add('alias bomb (costly fields)', `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: neighbourhood(id: "cirb", depth: 3, limit: 1000) { nodes { relationships { from { name } to { name } } } }`).join(' ')} }`, { ...limit, orData: true, codes: [...LIMITS, 'TIMEOUT'] });
  add('alias bomb (costly fields)', `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: entities(first: 100) { nodes { relationships { to { relationships { to { relationships { from { id } } } } } } } }`).join(' ')} }`, { ...limit, orData: true, codes: [...LIMITS, 'TIMEOUT'] });
  for (const n of [21, 100, 600]) {
    add('directive bomb', `{ node(id: "cirb") ${'@include(if: true) '.repeat(n)} { id } }`, { codes: LIMITS });
    add('directive bomb (unknown)', `{ node(id: "cirb") ${'@foo '.repeat(n)} { id } }`, { codes: LIMITS });
    add('directive bomb (spread over fields)', `{ node(id: "cirb") { ${Array.from({ length: n }, () => 'id @skip(if: false)').join(' ')} } }`, { codes: LIMITS, orData: n <= 20 });
  }
  add('directive in a wrong place', 'query @include(if: true) { __typename }', { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  add('directive on a variable', 'query($a: Int @deprecated) { __typename }', { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  // Fragments: cycles, chains, and the exponential "billion laughs".
  add('fragment cycle', '{ node(id: "cirb") { ...A } } fragment A on Entity { ...B } fragment B on Entity { ...A }', { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('fragment cycle', '{ node(id: "cirb") { ...A } } fragment A on Entity { id ...A }', { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('fragment cycle', '{ node(id: "cirb") { ...A } } fragment A on Entity { ...B } fragment B on Entity { ...C } fragment C on Entity { relationships { to { ...A } } }', { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('fragment cycle', '{ node(id: "cirb") { ...A } } fragment A on Entity { ... on Platform { ...B } } fragment B on Platform { ... on Entity { ...A } }', { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('fragment cycle (unused)', '{ __typename } fragment A on Entity { ...B } fragment B on Entity { ...A }', { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  add('fragment cycle', `{ node(id: "cirb") { ...F0 } } ${Array.from({ length: 60 }, (_, i) => `fragment F${i} on Entity { ...F${(i + 1) % 60} }`).join(' ')}`, { codes: ['GRAPHQL_VALIDATION_FAILED', 'LIMIT'] });
  for (const levels of [8, 16, 30]) {
    add('fragment bomb (exponential)', `{ node(id: "cirb") { ...F0 } } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Entity { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1} a${i}: id` : 'id name'} }`).join(' ')}`, { codes: LIMITS, orData: levels <= 8 });
    add('fragment bomb (exponential, nested)', `{ node(id: "cirb") { ...F0 } } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Entity { ${i + 1 < levels ? `relationships { to { ...F${i + 1} } from { ...F${i + 1} } }` : 'id'} }`).join(' ')}`, { codes: LIMITS });
  }
  add('fragment chain', `{ node(id: "cirb") { ...F0 } } ${Array.from({ length: 150 }, (_, i) => `fragment F${i} on Entity { ${i + 1 < 150 ? `...F${i + 1}` : 'id'} }`).join(' ')}`, { codes: LIMITS, orData: true });
  add('many unused fragments', `{ __typename } ${Array.from({ length: 400 }, (_, i) => `fragment F${i} on Entity { id }`).join(' ')}`, { codes: LIMITS });
  add('fragment on an unknown type', '{ node(id: "cirb") { ...F } } fragment F on Gadget { id }', { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  add('spread of an unknown fragment', '{ node(id: "cirb") { ...Nope } }', { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  add('fragment defined twice', '{ node(id: "cirb") { ...F } } fragment F on Entity { id } fragment F on Entity { name }', { codes: ['GRAPHQL_VALIDATION_FAILED'] });
  // Width: the same field many times (field merging is quadratic), tokens.
  for (const n of [500, 1900, 5000]) add('repeated field', `{ node(id: "cirb") { ${'id '.repeat(n)} } }`, { codes: LIMITS, orData: n < 2000 });
  add('conflicting fields', `{ node(id: "cirb") { ${Array.from({ length: 400 }, (_, i) => `x: relationships(direction: ${['IN', 'OUT', 'BOTH'][i % 3]}) { id }`).join(' ')} } }`, { codes: LIMITS });
  add('repeated __typename', `{ ${'__typename '.repeat(3000)} }`, { codes: LIMITS });
  add('token bomb', `{ node(id: "cirb") { id } } ${'fragment F on Entity { id } '.repeat(300)}`, { codes: LIMITS });
  add('token bomb (commas)', `{ node(id: "cirb"${','.repeat(50000)}) { id } }`, { codes: [...LIMITS], orData: true });
  add('introspection', getIntrospectionQuery(), { orData: true, codes: LIMITS });
  add('introspection, doubled', `${getIntrospectionQuery()}\n${getIntrospectionQuery().replace('query IntrospectionQuery', 'query Second')}`, { codes: [...LIMITS, ...NO_OPERATION] });
  add('deep __type chain', `{ __type(name: "Entity") { ${'interfaces { possibleTypes { '.repeat(6)} name ${'} } '.repeat(6)} } }`, { orData: true, codes: LIMITS });
  return out;
}

function batching(): HostileCase[] {
  const out: HostileCase[] = [];
  const one = { query: '{ node(id: "cirb") { id } }' };
  const add = (family: string, body: unknown) => out.push({ kind: 'batching', family, request: postJson(body), expect: { status: [400], codes: BAD_REQUEST } });
  add('batch of one', [one]);
  add('batch of two', [one, { query: '{ node(id: "fidus") { id } }' }]);
  add('batch of many', Array.from({ length: 100 }, () => one));
  add('batch of many', Array.from({ length: 2000 }, () => ({ query: '{__typename}' })));
  add('empty batch', []);
  add('batch of nulls', [null, null]);
  add('batch of strings', ['{ __typename }']);
  add('batch of batches', [[one], [one]]);
  add('batch mixing good and bad', [one, { query: 1 }, {}]);
  add('batch of mutations', [{ query: 'mutation { __typename }' }]);
  out.push({ kind: 'batching', family: 'batch over GET', request: get(`/graphql?query=${encodeURIComponent(JSON.stringify([one]))}`), expect: { codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] } });
  return out;
}

function methods(): HostileCase[] {
  const out: HostileCase[] = [];
  const body = JSON.stringify({ query: '{ node(id: "cirb") { id } }' });
  const notAllowed: Expectation = { status: [405], codes: ['METHOD_NOT_ALLOWED'] };
  for (const method of ['PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'LINK']) {
    for (const headers of [JSON_TYPE, [...JSON_TYPE, CSRF], [CSRF], [] as [string, string][]]) {
      out.push({ kind: 'methods', family: `${method} /graphql`, request: { method, path: GQL, headers, body: method === 'TRACE' ? undefined : body }, expect: notAllowed });
    }
    for (const path of ['/health', '/ready']) {
      out.push({ kind: 'methods', family: `${method} ${path}`, request: { method, path, headers: JSON_TYPE, body: method === 'TRACE' ? undefined : body }, expect: { status: [405, 404], codes: ['METHOD_NOT_ALLOWED', 'NOT_FOUND'] } });
    }
  }
  for (const headers of [[] as [string, string][], [CSRF], [['origin', 'http://elsewhere.example'], ['access-control-request-method', 'POST']] as [string, string][]]) {
    out.push({ kind: 'methods', family: 'OPTIONS /graphql', request: { method: 'OPTIONS', path: GQL, headers }, expect: { status: [200, 204, 405], codes: ['METHOD_NOT_ALLOWED'], orData: true } });
  }
  out.push({ kind: 'methods', family: 'OPTIONS *', request: { method: 'OPTIONS', path: '*' }, expect: { status: [200, 204, 400, 404, 405], codes: ['METHOD_NOT_ALLOWED', 'NOT_FOUND', ...BAD_REQUEST], orData: true } });
  out.push({ kind: 'methods', family: 'HEAD /graphql', request: { method: 'HEAD', path: GQL, headers: [CSRF] }, expect: { status: [200, 400, 405] } });
  out.push({ kind: 'methods', family: 'HEAD /health', request: { method: 'HEAD', path: '/health' }, expect: { status: [200, 405] } });
  // Methods the HTTP parser does not know, and lowercase spellings.
  for (const method of ['FOO', 'get', 'Post', 'G%54', 'BREW']) {
    out.push({ kind: 'methods', family: 'unknown method', request: { method, path: GQL, headers: JSON_TYPE, body }, expect: { status: [400, 405], codes: ['METHOD_NOT_ALLOWED', ...BAD_REQUEST] } });
  }
  out.push({ kind: 'methods', family: 'CONNECT', request: { method: 'CONNECT', path: '127.0.0.1:80', headers: [] }, expect: { status: [400, 405], codes: ['METHOD_NOT_ALLOWED', ...BAD_REQUEST] } });
  out.push({ kind: 'methods', family: 'POST to another path', request: { ...post(body), path: '/' }, expect: { status: [404, 405], codes: ['NOT_FOUND', 'METHOD_NOT_ALLOWED'] } });
  out.push({ kind: 'methods', family: 'POST to another path', request: { ...post(body), path: '/health' }, expect: { status: [404, 405], codes: ['NOT_FOUND', 'METHOD_NOT_ALLOWED'] } });
  return out;
}

function headerCases(maxBody: number): HostileCase[] {
  const out: HostileCase[] = [];
  const body = JSON.stringify({ query: '{ node(id: "cirb") { id } }' });
  const add = (family: string, request: RawRequest, expect: Expectation, timeoutMs?: number) => out.push({ kind: 'headers', family, request, expect, timeoutMs });
  // Content types a browser may send cross-site without a preflight: refused by CSRF prevention.
  // (POST takes JSON only: refused as a media type, or by CSRF prevention.)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=utf-8']) {
    add('simple content type without the CSRF header', post(body, [['content-type', type]]), { status: [403, 415], codes: ['FORBIDDEN', 'UNSUPPORTED_MEDIA_TYPE'] });
  }
  add('no content type, no CSRF header', post(body, []), { status: [403, 415], codes: ['FORBIDDEN', 'UNSUPPORTED_MEDIA_TYPE'] });
  // Content types that are not JSON, with the CSRF header.
  for (const type of ['application/xml', 'text/html', 'image/png', 'application/octet-stream', 'application/json-seq', 'application/jsonx', 'text/json', 'json', '*/*', ';;;', 'application/', '/json', 'text/plain', 'application/x-www-form-urlencoded']) {
    add('content type that is not JSON', post(body, [['content-type', type], CSRF]), { status: [415], codes: ['UNSUPPORTED_MEDIA_TYPE'] });
  }
  add('no content type, with the CSRF header', post(body, [CSRF]), { status: [415], codes: ['UNSUPPORTED_MEDIA_TYPE'] });
  add('empty content type', post(body, [['content-type', ''], CSRF]), { status: [415], codes: ['UNSUPPORTED_MEDIA_TYPE'] });
  add('multipart with a broken body', post('--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{bad\r\n--x--\r\n', [['content-type', 'multipart/form-data; boundary=x'], CSRF]), { status: [400, 415], codes: ['UNSUPPORTED_MEDIA_TYPE', ...BAD_REQUEST] });
  add('multipart without a boundary', post('garbage', [['content-type', 'multipart/form-data'], CSRF]), { status: [400, 415], codes: ['UNSUPPORTED_MEDIA_TYPE', ...BAD_REQUEST] });
  add('form body with a broken query', post('query=%7B', [['content-type', 'application/x-www-form-urlencoded'], CSRF]), { codes: ['UNSUPPORTED_MEDIA_TYPE', 'GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
  add('application/graphql body', post('{ node(id: "cirb") { id } }', [['content-type', 'application/graphql'], CSRF]), { orData: true, codes: ['UNSUPPORTED_MEDIA_TYPE'] });
  // JSON, spelled oddly: answered, or refused as a media type.
  for (const type of ['APPLICATION/JSON', 'application/JSON', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json;', 'application/json ; charset=utf-8', 'application/json, text/plain', 'application/graphql-response+json', `application/json; x=${'y'.repeat(8000)}`]) {
    add('JSON content type spelled oddly', post(body, [['content-type', type]]), { orData: true, codes: ['UNSUPPORTED_MEDIA_TYPE', ...BAD_REQUEST] });
  }
  // Duplicated headers.
  add('duplicated content type', post(body, [['content-type', 'application/json'], ['content-type', 'text/plain']]), { orData: true, codes: ['UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', ...BAD_REQUEST] });
  add('duplicated content type', post(body, [['content-type', 'text/plain'], ['content-type', 'application/json']]), { orData: true, codes: ['UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', ...BAD_REQUEST] });
  add('duplicated CSRF header', post(body, [['content-type', 'text/plain'], CSRF, CSRF]), { status: [403, 415], codes: ['UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN'] });
  add('duplicated host', { ...post(body), headers: [...JSON_TYPE, ['host', 'elsewhere.example']] }, { orData: true, status: [200, 400], codes: BAD_REQUEST });
  add('no host', { ...post(body), noHost: true }, { status: [400], codes: BAD_REQUEST });
  add('duplicated accept', post(body, [...JSON_TYPE, ['accept', 'application/json'], ['accept', 'text/event-stream']]), { orData: true, codes: ['BAD_USER_INPUT'] });
  // Accept headers yoga negotiates on.
  for (const accept of ['text/event-stream', 'multipart/mixed', 'application/graphql-response+json', 'image/png', 'text/html', '*/*;q=0', 'application/json;q=0', `${'a/b, '.repeat(2500)}application/json`, '']) {
    add('odd accept header', post(body, [...JSON_TYPE, ['accept', accept]]), { orData: true, status: [200, 406], codes: ['BAD_USER_INPUT', 'NOT_ACCEPTABLE'] });
    add('odd accept header, bad query', postJson({ query: '{ node(id: "cirb") { colour } }' }, [...JSON_TYPE, ['accept', accept]]), { status: [200, 400, 406], codes: ['GRAPHQL_VALIDATION_FAILED', 'NOT_ACCEPTABLE'] });
  }
  // Huge headers.
  add('huge header', post(body, [...JSON_TYPE, ['x-big', 'a'.repeat(20000)]]), { status: [431, 400], codes: ['LIMIT', ...BAD_REQUEST, 'PAYLOAD_TOO_LARGE'] });
  add('huge header', post(body, [...JSON_TYPE, ...Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'.repeat(100)] as [string, string])]), { status: [431, 400], codes: ['LIMIT', ...BAD_REQUEST, 'PAYLOAD_TOO_LARGE'] });
  add('many small headers', post(body, [...JSON_TYPE, ...Array.from({ length: 2500 }, (_, i) => [`x${i}`, '1'] as [string, string])]), { orData: true, status: [200, 400, 431], codes: ['LIMIT', ...BAD_REQUEST, 'PAYLOAD_TOO_LARGE'] });
  add('large header under the limit', post(body, [...JSON_TYPE, ['cookie', `a=${'b'.repeat(12000)}`]]), { orData: true });
  add('huge URL', post(body, JSON_TYPE), { status: [431, 414, 400], codes: ['LIMIT', ...BAD_REQUEST, 'PAYLOAD_TOO_LARGE'] });
  out[out.length - 1]!.request.path = `/graphql?x=${'a'.repeat(20000)}`;
  // Lying or absurd content lengths.
  for (const length of ['abc', '-1', '1.5', '0x10', ' 5', '5, 5', '1e3', '', '+5', '99999999999999999999', `${body.length}${' '.repeat(3)}x`]) {
    add('absurd content-length', { ...post(body), headers: [...JSON_TYPE, ['content-length', length]] }, { status: [400, 413], codes: [...BAD_REQUEST, 'PAYLOAD_TOO_LARGE'] }, 3000);
  }
  add('two different content-lengths', { ...post(body), headers: [...JSON_TYPE, ['content-length', String(body.length)], ['content-length', '3']] }, { status: [400], codes: BAD_REQUEST }, 3000);
  add('two equal content-lengths', { ...post(body), headers: [...JSON_TYPE, ['content-length', String(body.length)], ['content-length', String(body.length)]] }, { orData: true, status: [200, 400], codes: BAD_REQUEST }, 3000);
  add('content-length and chunked', { ...post(body), chunked: true, headers: [...JSON_TYPE, ['content-length', '5']] }, { status: [400], codes: BAD_REQUEST }, 3000);
  add('content-length shorter than the body', { ...post(body), headers: [...JSON_TYPE, ['content-length', String(body.length - 5)]] }, { status: [400], codes: BAD_REQUEST }, 3000);
  add('content-length 0 with a body', { ...post(body), headers: [...JSON_TYPE, ['content-length', '0']] }, { status: [400], codes: BAD_REQUEST }, 3000);
  // The server waits for bytes that never come, then gives up with 408 (SLOW_CLIENT.requestTimeoutMs).
  const late: Expectation = { status: [408], codes: ['REQUEST_TIMEOUT'] };
  add('content-length longer than the body', { ...post(body), headers: [...JSON_TYPE, ['content-length', String(body.length + 50)]] }, late, 8000);
  add('content-length at the limit, little sent', { ...post(body), headers: [...JSON_TYPE, ['content-length', String(maxBody)]] }, late, 8000);
  add('expect: 100-continue', post(body, [...JSON_TYPE, ['expect', '100-continue']]), { ok: true }, 3000);
  add('expect: something else', post(body, [...JSON_TYPE, ['expect', 'the-unexpected']]), { status: [417], codes: ['EXPECTATION_FAILED'] }, 3000);
  // Transfer encodings.
  add('unknown transfer-encoding', { ...post(body), noContentLength: true, headers: [...JSON_TYPE, ['transfer-encoding', 'gzip']] }, { status: [400], codes: BAD_REQUEST }, 3000);
  add('chunked twice', { ...post(body), noContentLength: true, headers: [...JSON_TYPE, ['transfer-encoding', 'chunked, chunked']] }, { status: [400], codes: BAD_REQUEST }, 3000);
  add('no body, no length', { ...post(''), noContentLength: true }, { status: [400], codes: BAD_REQUEST }, 3000);
  out.push({ kind: 'headers', family: 'bad chunk size', request: { method: 'POST', path: GQL, headers: [...JSON_TYPE, ['transfer-encoding', 'chunked']], noContentLength: true, body: 'zz\r\n{}\r\n0\r\n\r\n' }, expect: { status: [400], codes: BAD_REQUEST }, timeoutMs: 3000 });
  out.push({ kind: 'headers', family: 'bad chunk size', request: { method: 'POST', path: GQL, headers: [...JSON_TYPE, ['transfer-encoding', 'chunked']], noContentLength: true, body: 'ffffffffffffffff\r\n{}\r\n0\r\n\r\n' }, expect: { status: [400, 408, 413], codes: [...BAD_REQUEST, 'PAYLOAD_TOO_LARGE', 'REQUEST_TIMEOUT'] }, timeoutMs: 8000 });
  // Header syntax the parser refuses.
  add('header without a colon', post(body, [...JSON_TYPE, ['x-broken\r\nnocolon', 'x']]), { status: [400], codes: BAD_REQUEST }, 3000);
  add('header name with a space', post(body, [...JSON_TYPE, ['x bad', '1']]), { status: [400], codes: BAD_REQUEST }, 3000);
  add('header value with a bare CR', post(body, [...JSON_TYPE, ['x-bad', 'a\rb']]), { status: [400], codes: BAD_REQUEST }, 3000);
  add('header value with NUL', post(body, [...JSON_TYPE, ['x-bad', 'a\u0000b']]), { status: [400], codes: BAD_REQUEST }, 3000);
  add('obsolete line folding', post(body, [...JSON_TYPE, ['x-fold', 'a\r\n b']]), { orData: true, status: [200, 400], codes: BAD_REQUEST }, 3000);
  add('HTTP/1.0 request', { ...post(body), noHost: true, version: 'HTTP/1.0' }, { orData: true, status: [200, 400], codes: BAD_REQUEST }, 3000);
  add('unknown HTTP version', { ...post(body), version: 'HTTP/9.9' }, { status: [400], codes: BAD_REQUEST }, 3000);
  return out;
}

function getCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const enc = encodeURIComponent;
  const add = (family: string, path: string, expect: Expectation, headers?: [string, string][]) => out.push({ kind: 'get', family, request: get(path, headers), expect });
  const good = ['{ node(id: "cirb") { id } }', '{ search(text: "fidus") { score } }', '{ entities(first: 2) { totalCount } }', '{ dependencies(id: "fidus", direction: DOWNSTREAM) { truncated } }'];
  for (const q of good) {
    add('GET query', `/graphql?query=${enc(q)}`, { ok: true });
    // Answered (queries over GET are no state change), or refused by CSRF prevention.
    add('GET query without the CSRF header', `/graphql?query=${enc(q)}`, { ok: true }, []);
  }
  const q = enc('query($id: ID!) { node(id: $id) { id } }');
  for (const variables of ['%7B', 'x', '1', '[]', 'null', '%7B%22id%22%3A1.5%7D', '%7B%22id%22%3Anull%7D', '%7B%22id%22%3A%7B%7D%7D', '', '%7B%22id%22%3A%22cirb%22%7D%7D', '"cirb"']) {
    add('GET with bad variables', `/graphql?query=${q}&variables=${variables}`, { codes: BAD_REQUEST, names: ['id', 'variables'] });
  }
  for (const extensions of ['%7B', 'x', '1', '[]']) add('GET with bad extensions', `/graphql?query=${enc('{ __typename }')}&extensions=${extensions}`, { orData: true, codes: BAD_REQUEST });
  add('GET with two queries', '/graphql?query=a&query=b', { codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
  add('GET with two queries', `/graphql?query=${enc('{ __typename }')}&query=${enc('{ __typename }')}`, { orData: true, codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
  add('GET with two operation names', `/graphql?query=${enc('query A { __typename } query B { __typename }')}&operationName=A&operationName=B`, { orData: true, codes: NO_OPERATION });
  add('GET without a query', '/graphql?foo=1', { codes: BAD_REQUEST });
  add('GET without a query', '/graphql?query=', { codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
  add('GET without a query', '/graphql', { codes: BAD_REQUEST });
  add('GET with a mutation', `/graphql?query=${enc('mutation { __typename }')}`, { status: [400, 405], codes: ['METHOD_NOT_ALLOWED', 'GRAPHQL_VALIDATION_FAILED', ...BAD_REQUEST] });
  add('GET with a subscription', `/graphql?query=${enc('subscription { __typename }')}`, { status: [200, 400, 405], codes: ['METHOD_NOT_ALLOWED', 'GRAPHQL_VALIDATION_FAILED', ...BAD_REQUEST] });
  add('GET with a syntax error', `/graphql?query=${enc('{ node(id: ')}`, { codes: ['GRAPHQL_PARSE_FAILED'] });
  add('GET with a depth bomb', `/graphql?query=${enc(`{ node(id: "cirb") { ${'relationships { to { '.repeat(20)} id ${'} } '.repeat(20)} } }`)}`, { codes: LIMITS });
  for (const bad of ['%zz', '%', '%ff%fe', '%c0%80', '%00', '%ed%a0%80', '%E2%82']) {
    add('GET with bad percent-encoding', `/graphql?query=${bad}`, { codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
    add('GET with bad percent-encoding', `/graphql?query=${enc('query($id: ID!) { node(id: $id) { id } }')}&variables=%7B%22id%22%3A%22${bad}%22%7D`, { orData: true, codes: ['GRAPHQL_PARSE_FAILED', 'NOT_FOUND', ...BAD_REQUEST] });
  }
  add('GET with a long query string', `/graphql?query=${enc(`{ __typename } #${'x'.repeat(12000)}`)}`, { ok: true });
  add('GET with a too long query string', `/graphql?query=${enc(`{ __typename } #${'x'.repeat(40000)}`)}`, { status: [414, 431, 400, 413], codes: ['LIMIT', 'PAYLOAD_TOO_LARGE', ...BAD_REQUEST] });
  add('GET with a body', '/graphql?query=%7B__typename%7D', { orData: true, codes: BAD_REQUEST });
  out[out.length - 1]!.request.body = JSON.stringify({ query: '{ x }' });
  add('GET with JSON content type and a body', '/graphql', { codes: BAD_REQUEST }, [...JSON_TYPE, CSRF]);
  out[out.length - 1]!.request.body = JSON.stringify({ query: '{ __typename }' });
  out[out.length - 1]!.expect = { orData: true, codes: BAD_REQUEST };
  for (const path of ['/nope', '/graphql/', '/GRAPHQL', '//graphql', '/graphql/x', '/graphql;x', '/health/x', '/favicon.ico', '/.env', '/../etc/passwd', '/graphql%00', '/%ff', '/?query=%7B__typename%7D', '/ready/']) {
    add('unknown path', path, { status: path.startsWith('/?') ? [302, 404] : [404], codes: ['NOT_FOUND'], orData: path === '/graphql/' || path === '//graphql' || path === '/GRAPHQL' || path === '/graphql;x' || path === '/ready/' });
  }
  add('absolute-form request target', 'http://elsewhere.example/graphql?query=%7B__typename%7D', { orData: true, status: [200, 400, 404], codes: ['NOT_FOUND', ...BAD_REQUEST] });
  add('request target without a slash', 'graphql', { status: [400, 404], codes: ['NOT_FOUND', ...BAD_REQUEST] });
  add('raw bytes in the request target', '/graphql?query=\u00ff', { status: [400], codes: ['GRAPHQL_PARSE_FAILED', ...BAD_REQUEST] });
  add('GraphiQL for browsers', '/graphql', { status: [200] }, [['accept', 'text/html']]);
  add('GraphiQL with a bad query', `/graphql?query=${enc('{ node(')}`, { status: [200] }, [['accept', 'text/html']]);
  return out;
}

function utf8Cases(rng: Rng, bodies: string[]): HostileCase[] {
  const out: HostileCase[] = [];
  const badSequences = [[0xff], [0xfe, 0xff], [0xc0, 0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf]];
  const add = (family: string, body: Buffer, expect: Expectation) => out.push({ kind: 'utf8', family, request: post(body), expect });
  const search = (bytes: number[]) => Buffer.concat([Buffer.from('{"query": "query($t: String!) { search(text: $t) { score } }", "variables": {"t": "cirb'), Buffer.from(bytes), Buffer.from('"}}')]);
  const inQuery = (bytes: number[]) => Buffer.concat([Buffer.from('{"query": "{ node(id: \\"cirb'), Buffer.from(bytes), Buffer.from('\\") { id } }"}')]);
  const inKey = (bytes: number[]) => Buffer.concat([Buffer.from('{"query": "query($t: String!) { search(text: $t) { score } }", "variables": {"t'), Buffer.from(bytes), Buffer.from('": "x"}}')]);
  const between = (bytes: number[]) => Buffer.concat([Buffer.from('{"query": "{ node(id: \\"cirb\\") '), Buffer.from(bytes), Buffer.from(' { id } }"}')]);
  const outside = (bytes: number[]) => Buffer.concat([Buffer.from('{"query": "{ __typename }"'), Buffer.from(bytes), Buffer.from('}')]);
  for (const bytes of badSequences) {
    add('invalid UTF-8 in a variable', search(bytes), { orData: true, codes: ['BAD_USER_INPUT'] });
    add('invalid UTF-8 in a string literal', inQuery(bytes), { orData: true, codes: ['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'NOT_FOUND'] });
    add('invalid UTF-8 in a variable name', inKey(bytes), { codes: ['BAD_USER_INPUT'], names: ['t'] });
    // (A byte order mark is white space to GraphQL.)
    add('invalid UTF-8 between tokens', between(bytes), { codes: ['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'], orData: bytes[0] === 0xef });
    add('invalid UTF-8 outside strings', outside(bytes), { status: [400], codes: BAD_REQUEST });
  }
  // Random invalid bytes in random places of valid bodies.
  for (let i = 0; i < 150; i++) {
    const body = Buffer.from(rng.pick(bodies));
    const at = rng.int(body.length);
    add('invalid UTF-8 at a random place', Buffer.concat([body.subarray(0, at), Buffer.from(rng.pick(badSequences)), body.subarray(at)]), { orData: true, codes: [...BAD_REQUEST, 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND'] });
  }
  add('body cut inside a multi-byte character', Buffer.concat([Buffer.from('{"query": "{ search(text: \\"num'), Buffer.from([0xc3])]), { status: [400], codes: BAD_REQUEST });
  add('raw control characters in a string', Buffer.from('{"query": "{ search(text: \\"a\u0001\u0007\u001b\\") { score } }"}'), { status: [400], codes: BAD_REQUEST });
  add('NUL in a string literal', Buffer.from(JSON.stringify({ query: '{ search(text: "a\u0000b") { score } }' })), { orData: true, codes: ['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'] });
  add('latin-1 body', Buffer.from(JSON.stringify({ query: '{ search(text: "numérique") { score } }' }), 'latin1'), { orData: true, codes: ['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED'] });
  return out;
}

/** Clients that send slowly, or stop: each is answered 408 within the server's timeouts, or served when it finishes in time. */
function slowCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const late: Expectation = { status: [408], codes: ['REQUEST_TIMEOUT'] };
  const body = JSON.stringify({ query: '{ node(id: "cirb") { id } }' });
  // A host header of its own, so that the head's length does not depend on the port.
  const request: RawRequest = { ...post(body), noHost: true, headers: [['host', '127.0.0.1'], ...JSON_TYPE] };
  const head = requestHead(0, request);
  const add = (family: string, r: RawRequest, pace: Pace | undefined, expect: Expectation) => out.push({ kind: 'slow', family, request: r, pace, expect, timeoutMs: 8000 });
  add('headers never finished', { ...request, rawHead: head.slice(0, -2) }, { pieceBytes: 1e6, intervalMs: 1000, maxBytes: head.length - 2 }, late);
  add('request line never finished', request, { pieceBytes: 10, intervalMs: 10, maxBytes: 10 }, late);
  add('nothing sent', request, { pieceBytes: 1, intervalMs: 10000, maxBytes: 0 }, { ...late, allowNoAnswer: true });
  add('headers trickled', request, { pieceBytes: 4, intervalMs: 150 }, late);
  add('body trickled', request, { firstBytes: head.length, pieceBytes: 2, intervalMs: 200 }, late);
  add('body stopped halfway', request, { firstBytes: head.length + 10, pieceBytes: 1, intervalMs: 10000, maxBytes: head.length + 10 }, late);
  add('chunked body never ended', { ...request, chunked: true }, { pieceBytes: 1e6, intervalMs: 10000, maxBytes: head.length + 20 }, late);
  add('slow but within the timeouts', request, { pieceBytes: 60, intervalMs: 60 }, { ok: true });
  for (let i = 0; i < 6; i++) add('headers trickled, several at once', request, { pieceBytes: 3, intervalMs: 100 + 20 * i }, late);
  return out;
}

/** Requests one after another on one connection: each answered in turn; a bad one spoils none after it, or closes the connection. */
function pipelineCases(): HostileCase[] {
  const out: HostileCase[] = [];
  type Step = { request: RawRequest; expect: Expectation; smuggled?: boolean };
  const good = (id: string): Step => ({ request: { ...postJson({ query: `{ node(id: "${id}") { id } }` }), keepAlive: true }, expect: { ok: true } });
  const bad = (request: RawRequest, expect: Expectation): Step => ({ request: { ...request, keepAlive: true }, expect });
  const add = (family: string, steps: Step[]) => {
    const last = steps[steps.length - 1]!;
    steps[steps.length - 1] = { ...last, request: { ...last.request, keepAlive: false } };
    out.push({ kind: 'pipelining', family, request: steps[0]!.request, expect: steps[0]!.expect, pipeline: steps.slice(1), timeoutMs: 10000 });
  };
  add('good requests in a row', [good('cirb'), good('fidus'), good('sprb')]);
  add('many good requests in a row', Array.from({ length: 20 }, (_, i) => good(i % 2 ? 'cirb' : 'fidus')));
  add('invalid JSON between good ones', [good('cirb'), bad(post('{"query": '), { status: [400], codes: BAD_REQUEST }), good('fidus')]);
  add('unknown field between good ones', [good('cirb'), bad(postJson({ query: '{ node(id: "cirb") { colour } }' }), { codes: ['GRAPHQL_VALIDATION_FAILED'] }), good('fidus')]);
  add('PUT between good ones', [good('cirb'), bad({ method: 'PUT', path: GQL, headers: JSON_TYPE, body: '{}' }, { status: [405], codes: ['METHOD_NOT_ALLOWED'] }), good('fidus')]);
  add('bad GET variables between good ones', [good('cirb'), bad(get('/graphql?query=%7B__typename%7D&variables=%7B'), { status: [400], codes: BAD_REQUEST }), good('fidus')]);
  add('unknown path between good ones', [good('cirb'), bad(get('/nope'), { status: [404], codes: ['NOT_FOUND'] }), good('fidus')]);
  add('body over the limit between good ones', [good('cirb'), bad(post('x'.repeat(120000)), { status: [413], codes: ['PAYLOAD_TOO_LARGE'] }), good('fidus')]);
  add('content-length and chunked between good ones (smuggling)', [good('cirb'), bad({ ...post('{}'), chunked: true, headers: [...JSON_TYPE, ['content-length', '40']] }, { status: [400], codes: BAD_REQUEST }), good('fidus')]);
  // The body's declared 27 bytes are a whole request; what follows them is the next request, and answered as such.
  add('content-length shorter than the body (smuggling)', [
    good('cirb'),
    bad({ ...post(`{"query": "{ __typename }"}GET /nope HTTP/1.1\r\nhost: x\r\n\r\n`), headers: [...JSON_TYPE, ['content-length', '27']] }, { ok: true }),
    { ...bad(get('/nope'), { status: [404], codes: ['NOT_FOUND'] }), smuggled: true },
    bad(get('/nope'), { status: [404], codes: ['NOT_FOUND'] }),
    good('fidus'),
  ]);
  add('garbage between good ones', [good('cirb'), bad({ method: 'HELLO', path: 'WORLD', noHost: true, version: 'X' }, { status: [400], codes: BAD_REQUEST }), good('fidus')]);
  add('expect: 100-continue in a row', [{ ...good('cirb'), request: { ...good('cirb').request, headers: [...JSON_TYPE, ['expect', '100-continue']] } }, good('fidus')]);
  return out;
}

function fuzzCases(rng: Rng, valid: { query: string; variables?: Record<string, unknown>; operationName?: string }[], names: string[], n: number): HostileCase[] {
  const out: HostileCase[] = [];
  const specials = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '...', '"', '"""', '\\', '#', ',', '!', '=', '|', '&', '\n', '\u0000', '1.5e999', '-', 'null', 'true', '__typename', 'fragment', 'on', 'query', '$$'];
  for (let i = 0; i < n; i++) {
    const base = rng.pick(valid);
    let query = base.query;
    let variables: unknown = base.variables;
    let operationName: unknown = base.operationName;
    const mutations = 1 + rng.int(3);
    for (let m = 0; m < mutations; m++) {
      const at = rng.int(query.length + 1);
      const len = 1 + rng.int(Math.min(40, query.length));
      switch (rng.int(9)) {
        case 0: query = query.slice(0, at) + rng.pick(specials) + query.slice(at); break;
        case 1: query = query.slice(0, at) + query.slice(at + len); break;
        case 2: query = query.slice(0, at) + query.slice(at, at + len).repeat(2 + rng.int(3)) + query.slice(at); break;
        case 3: query = query.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => (rng.chance(0.08) ? rng.pick(names) : w)); break;
        case 4: query = query.slice(0, at) + String.fromCharCode(rng.int(0x3000)) + query.slice(at); break;
        case 5: variables = randomJson(rng); break;
        case 6: variables = Object.fromEntries(Object.keys((variables as object) ?? { id: 1 }).map((k) => [k, randomJson(rng)])); break;
        case 7: operationName = rng.chance(0.5) ? randomJson(rng) : rng.pick(names); break;
        default: query = query.replace(/"[^"]*"/, () => JSON.stringify(rng.pick(INJECTIONS))); break;
      }
    }
    let body = JSON.stringify({ query, variables, operationName });
    // Now and then, break the JSON itself too.
    if (rng.chance(0.15)) {
      const at = rng.int(body.length);
      body = body.slice(0, at) + rng.pick(['"', '{', '}', ',', ':', '\\', '', 'x']) + body.slice(at + rng.int(3));
    }
    out.push({ kind: 'fuzz', family: 'random mutation of a valid request', request: post(body), expect: { orData: true, codes: [...CLIENT_CODES, 'LIMIT'] }, timeoutMs: 20000 });
  }
  return out;
}

/** Every hostile case, deterministic for a seed. `fuzz` sets how many random mutations. */
export function hostileCases(options: { seed: number; schema: GraphQLSchema; readme: Map<number, string>; maxBodyBytes: number; fuzz: number }): HostileCase[] {
  const rng = new Rng(options.seed);
  const valid = validBodies(options.readme);
  const bodies = valid.map((v) => JSON.stringify(v));
  const names = [
    ...Object.keys(options.schema.getTypeMap()).filter((n) => !n.startsWith('__')),
    ...Object.values(options.schema.getQueryType()!.getFields()).flatMap((f) => [f.name, ...f.args.map((a) => a.name)]),
    'relationships', 'to', 'from', 'nodes', 'id', 'name', 'Entity', 'Platform', 'OPERATES', 'DOWNSTREAM', 'colour',
  ];
  return [
    ...malformedBodies(rng, bodies),
    ...jsonTypes(),
    ...oversized(options.maxBodyBytes),
    ...variablesAndArguments(options.schema),
    ...injections(options.schema),
    ...bombs(),
    ...batching(),
    ...methods(),
    ...headerCases(options.maxBodyBytes),
    ...getCases(),
    ...utf8Cases(rng, bodies),
    ...slowCases(),
    ...pipelineCases(),
    ...fuzzCases(rng, valid, names, options.fuzz),
  ];
}
