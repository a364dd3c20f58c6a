import { BadInputError } from '../domain/errors';
import { EXPORT_LIMITS, LIMITS } from '../domain/limits';
import type { DependencyDirection } from '../domain/model';
import { parseDuring } from '../domain/partial-date';
import { DEFAULT_WORD_LANGUAGE, isWordLanguage, WORD_LANGUAGES } from '../domain/plain-words';
import { MODALITIES, RELATIONSHIP_TYPES, type Modality, type RelationshipType } from '../domain/vocabulary';
import type { RelationshipOptions } from '../store/store';
import type { ExportRequest, ExportView } from './view';

/** Every parameter an export takes, the same over HTTP (?name=value) and on the command line (--name value). */
export const EXPORT_PARAMETERS = [
  'around',
  'depth',
  'dependencies',
  'direction',
  'from',
  'to',
  'maxDepth',
  'relationshipTypes',
  'excludeTypes',
  'modalities',
  'validAt',
  'limit',
  'language',
] as const;
export type ExportParameter = (typeof EXPORT_PARAMETERS)[number];

/** The API's defaults (schema/query.graphql), so that an export of a view is what the query answers. */
const DEFAULTS = { depth: 1, dependenciesMaxDepth: 5, pathsMaxDepth: 6 } as const;
const DIRECTIONS: readonly DependencyDirection[] = ['DOWNSTREAM', 'UPSTREAM'];

/**
 * The export a set of parameters asks for: at most one view (`around`, `dependencies`, or
 * `from` with `to`; the whole graph without any), its own parameters, and the relationship
 * filters. Each value is given once. Anything else is BadInputError naming the parameter,
 * called as `name` says (`parameter "depth"` over HTTP, `--depth` on the command line).
 */
export function parseExportParameters(values: ReadonlyMap<string, readonly string[]>, name: (p: string) => string): ExportRequest {
  const bad = (p: string, message: string) => new BadInputError(`${capital(name(p))} ${message}`, p);
  for (const [p, given] of values) {
    if (!(EXPORT_PARAMETERS as readonly string[]).includes(p)) throw bad(p, `is not an export parameter; they are ${EXPORT_PARAMETERS.join(', ')}.`);
    if (given.length > 1) throw bad(p, 'is given more than once.');
    if (given[0]!.trim() === '') throw bad(p, 'is empty.');
  }
  const get = (p: ExportParameter) => values.get(p)?.[0]?.trim();
  const integer = (p: ExportParameter, fallback: number, min: number, max: number): number => {
    const raw = get(p);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max) throw bad(p, `must be an integer from ${min} to ${max}; got "${raw}".`);
    return n;
  };
  const id = (p: ExportParameter): string => {
    const raw = get(p)!;
    if (raw.length > LIMITS.maxIdLength) throw bad(p, `must be at most ${LIMITS.maxIdLength} characters; got ${raw.length}.`);
    return raw;
  };
  const only = (view: string, allowed: readonly ExportParameter[]) => {
    const viewParameters: readonly ExportParameter[] = ['depth', 'direction', 'maxDepth', 'around', 'dependencies', 'from', 'to'];
    for (const p of viewParameters) {
      if (get(p) !== undefined && !allowed.includes(p)) {
        throw bad(p, view === 'the whole graph' ? `needs a view: ${name('around')}, ${name('dependencies')} or ${name('from')}.` : `does not apply to ${view}.`);
      }
    }
  };

  const views = (['around', 'dependencies', 'from'] as const).filter((p) => get(p) !== undefined);
  if (views.length > 1) throw bad(views[1]!, `cannot be given with ${name(views[0]!)}: an export is of one view.`);
  if (get('to') !== undefined && get('from') === undefined) throw bad('from', 'is missing: "to" needs "from".');

  let view: ExportView;
  switch (views[0]) {
    case 'around':
      only('a view around an entity', ['around', 'depth']);
      view = {
        kind: 'around',
        id: id('around'),
        depth: integer('depth', DEFAULTS.depth, 1, LIMITS.maxNeighbourhoodDepth),
        limit: integer('limit', EXPORT_LIMITS.defaultViewLimit, 1, LIMITS.maxNodeLimit),
      };
      break;
    case 'dependencies': {
      only('dependencies', ['dependencies', 'direction', 'maxDepth']);
      if (get('relationshipTypes') !== undefined) throw bad('relationshipTypes', 'does not apply to dependencies: they follow DEPENDS_ON, BUILDS_ON and INTEGRATES.');
      const direction = get('direction')?.toUpperCase();
      if (direction === undefined) throw bad('direction', `is missing: dependencies need one, ${DIRECTIONS.join(' or ')}.`);
      if (!(DIRECTIONS as readonly string[]).includes(direction)) throw bad('direction', `must be ${DIRECTIONS.join(' or ')}; got "${get('direction')}".`);
      view = {
        kind: 'dependencies',
        id: id('dependencies'),
        direction: direction as DependencyDirection,
        maxDepth: integer('maxDepth', DEFAULTS.dependenciesMaxDepth, 1, LIMITS.maxTraversalDepth),
        limit: integer('limit', EXPORT_LIMITS.defaultViewLimit, 1, LIMITS.maxNodeLimit),
      };
      break;
    }
    case 'from':
      only('paths', ['from', 'to', 'maxDepth']);
      if (get('to') === undefined) throw bad('to', 'is missing: "from" needs "to".');
      if (get('limit') !== undefined) throw bad('limit', `does not apply to paths: at most ${EXPORT_LIMITS.maxPaths} shortest paths are written.`);
      view = { kind: 'paths', from: id('from'), to: id('to'), maxDepth: integer('maxDepth', DEFAULTS.pathsMaxDepth, 1, LIMITS.maxTraversalDepth) };
      break;
    default: {
      only('the whole graph', []);
      const limit = get('limit') === undefined ? undefined : integer('limit', 0, 1, EXPORT_LIMITS.maxWholeGraph);
      view = { kind: 'graph', ...(limit === undefined ? {} : { limit }) };
    }
  }

  const filter: RelationshipOptions = {};
  const types = list(get('relationshipTypes'), RELATIONSHIP_TYPES, (v) => bad('relationshipTypes', `has "${v}", which is no relationship type; they are ${RELATIONSHIP_TYPES.join(', ')}.`));
  if (types) filter.types = types as RelationshipType[];
  const excluded = list(get('excludeTypes'), RELATIONSHIP_TYPES, (v) => bad('excludeTypes', `has "${v}", which is no relationship type; they are ${RELATIONSHIP_TYPES.join(', ')}.`));
  if (excluded) filter.excludeTypes = excluded as RelationshipType[];
  const modalities = list(get('modalities'), MODALITIES, (v) => bad('modalities', `has "${v}", which is no modality; they are ${MODALITIES.join(', ')}.`));
  if (modalities) filter.modalities = modalities as Modality[];
  const validAt = get('validAt');
  if (validAt !== undefined) {
    try {
      filter.validAt = parseDuring('validAt', validAt);
    } catch (error) {
      throw bad('validAt', (error as Error).message.replace(/^Argument "validAt" /, ''));
    }
  }

  const language = get('language')?.toLowerCase() ?? DEFAULT_WORD_LANGUAGE;
  if (!isWordLanguage(language)) throw bad('language', `must be ${WORD_LANGUAGES.join(' or ')}; got "${get('language')}".`);
  return { view, filter, language };
}

/** A comma-separated list of names from `allowed` (any case), or undefined when absent. */
function list(raw: string | undefined, allowed: readonly string[], unknown: (value: string) => Error): string[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of values) if (!allowed.includes(v.toUpperCase())) throw unknown(v);
  return [...new Set(values.map((v) => v.toUpperCase()))];
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
