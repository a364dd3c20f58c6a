import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SeedValidationError } from '../domain/errors';
import { isLanguage } from '../domain/language';
import { relationshipId, type Citation, type Entity, type GraphData, type Name, type PartialDate, type Relationship } from '../domain/model';
import { DEFAULT_MODALITY, isModality, isSymmetric, LABEL_MAX_LENGTH, type EntityStatus, type EntityType, type NameKind, type RelationshipType } from '../domain/vocabulary';
import { SeedFile } from './seed-file';
import { SEED_FORMAT } from './seed-schema';
import { validateSchema } from './validate-schema';
import { normaliseQuoteText as normalise } from '../domain/quote';

/** Bumped when the way seed files map to stored data changes, so that stores load again. */
const GRAPH_FORMAT = 4;

interface RawCitation { quote: string; section: string }
interface RawName { text: string; lang: string; kind: string }
interface RawEntity {
  id: string;
  type?: EntityType;
  category?: string;
  label: string;
  title?: string;
  language?: string;
  names?: RawName[];
  status?: string;
  inferred?: Record<string, string>;
  sourceFile?: string;
  properties?: Record<string, unknown>;
  sources: RawCitation[];
}
interface RawRelationship {
  id?: string;
  type: RelationshipType;
  from: string;
  to: string;
  modality?: string;
  inferred?: Record<string, string>;
  start?: PartialDate;
  end?: PartialDate;
  at?: PartialDate;
  properties?: Record<string, unknown>;
  sources: RawCitation[];
}
interface RawSeed { document: RawEntity; entities: RawEntity[]; relationships: RawRelationship[] }

/** One seed file's facts: a dataset, named after the file (without `.yaml`). */
export interface SeedDataset {
  name: string;
  /** Content hash of the file (and of GRAPH_FORMAT): a load records it again only when it changes. */
  version: string;
  entities: Entity[];
  relationships: Relationship[];
}

/** The seed files' graph, and the same facts file by file. */
export interface SeedGraph extends GraphData {
  datasets: SeedDataset[];
}

export interface LoadSeedOptions {
  /** Folder of the full source texts: when given, every quote must appear in its document's `sourceFile`. */
  sourcesDir?: string;
}

/**
 * Reads every `*.yaml` file of `dir`, validates all of them (schema, references,
 * quotes) and returns the graph, or throws one SeedValidationError listing every issue.
 */
export function loadSeed(dir: string, options: LoadSeedOptions = {}): SeedGraph {
  if (!existsSync(dir)) throw new SeedValidationError([{ file: dir, path: '(folder)', message: 'seed folder not found' }]);
  const names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length === 0) {
    throw new SeedValidationError([{ file: dir, path: '(folder)', message: 'no .yaml seed file in this folder' }]);
  }
  const hash = createHash('sha256').update(`format:${GRAPH_FORMAT}\n`);
  const versions = new Map<SeedFile, { name: string; version: string }>();
  const files = names.map((name) => {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    hash.update(`${name}\n${text}\n`);
    const file = new SeedFile(relative(process.cwd(), path) || path, text);
    const version = createHash('sha256').update(`format:${GRAPH_FORMAT}\n${text}`).digest('hex').slice(0, 16);
    versions.set(file, { name: name.replace(/\.ya?ml$/, ''), version });
    return file;
  });
  const graph = buildGraph(files, options);
  const issues = files.flatMap((f) => f.issues);
  if (issues.length) throw new SeedValidationError(issues);
  const datasets = files.map((file) => ({
    ...versions.get(file)!,
    entities: graph.entities.filter((_, i) => graph.entityFiles[i] === file),
    relationships: graph.relationships.filter((_, i) => graph.relationshipFiles[i] === file),
  }));
  return { entities: graph.entities, relationships: graph.relationships, datasets, version: hash.digest('hex').slice(0, 16) };
}

/** The graph, with the file of each entity and relationship, in the same order. */
function buildGraph(files: SeedFile[], options: LoadSeedOptions): Omit<GraphData, 'version'> & { entityFiles: SeedFile[]; relationshipFiles: SeedFile[] } {
  // References are checked even in a file with schema errors, so that one run reports everything;
  // items too malformed to check were reported by the schema and are passed over here.
  const current = files.filter((f) => f.data !== undefined && checkFormat(f));
  for (const file of current) validateSchema(file);
  const parsed = current.filter((f) => hasShape(f.data));
  const entities: Entity[] = [];
  const relationships: Relationship[] = [];
  const entityFiles: SeedFile[] = [];
  const relationshipFiles: SeedFile[] = [];
  const entityAt = new Map<string, string>();
  const relationshipAt = new Map<string, string>();
  const pending: { file: SeedFile; index: number; raw: RawRelationship; document: string }[] = [];

  for (const file of parsed) {
    const seed = file.data as RawSeed;
    const docId = seed.document.id;
    const cite = (sources: unknown): Citation[] =>
      citationsOf(sources).map((s) => ({ document: docId, quote: s.quote, section: s.section ?? null }));
    const addEntity = (raw: RawEntity, type: EntityType, at: (string | number)[]) => {
      const first = entityAt.get(raw.id);
      if (first) return file.report([...at, 'id'], `duplicate entity id "${raw.id}" (first defined at ${first})`);
      entityAt.set(raw.id, `${file.file} ${at.join('.')}`);
      checkDates(file, at, raw.properties);
      checkLanguages(file, at, raw);
      checkInferred(file, at, raw as unknown as Record<string, unknown>);
      // A document's title, language and file are properties: metadata of the document, beside its number and dates.
      const properties = {
        ...(raw.properties ?? {}),
        ...(raw.title ? { title: raw.title } : {}),
        ...(raw.language ? { language: raw.language } : {}),
        ...(raw.sourceFile ? { sourceFile: raw.sourceFile } : {}),
      };
      entityFiles.push(file);
      entities.push({
        id: raw.id,
        type,
        category: raw.category ?? null,
        label: raw.label,
        names: namesOf(raw.names),
        status: typeof raw.status === 'string' ? (raw.status.toUpperCase() as EntityStatus) : null,
        inferred: raw.inferred && typeof raw.inferred === 'object' ? raw.inferred : {},
        properties: properties as Entity['properties'],
        sources: cite(raw.sources),
      });
    };
    addEntity(seed.document, 'Document', ['document']);
    seed.entities.forEach((e, i) => isItem(e, 'id') && addEntity(e, e.type as EntityType, ['entities', i]));
    seed.relationships.forEach((raw, index) => isItem(raw, 'from', 'to', 'type') && pending.push({ file, index, raw, document: docId }));
    if (options.sourcesDir) checkQuotes(file, seed, options.sourcesDir);
  }

  // Relationships are checked once every file's entities are known: a file may link to another's.
  for (const { file, index, raw, document } of pending) {
    const at = ['relationships', index];
    for (const end of ['from', 'to'] as const) {
      if (!entityAt.has(raw[end])) file.report([...at, end], `unknown entity "${raw[end]}"`);
    }
    if (raw.from === raw.to) file.report([...at, 'to'], 'a relationship cannot link an entity to itself');
    const id = raw.id ?? relationshipId(raw.from, raw.type, raw.to);
    const reverse = isSymmetric(raw.type) ? relationshipId(raw.to, raw.type, raw.from) : undefined;
    const first = relationshipAt.get(id) ?? (reverse && !raw.id ? relationshipAt.get(reverse) : undefined);
    if (first) {
      file.report(at, `duplicate relationship "${id}" (first defined at ${first}); put all its citations on one relationship`);
      continue;
    }
    relationshipAt.set(id, `${file.file} ${at.join('.')}`);
    checkDates(file, at, raw.properties);
    checkDates(file, at, { start: raw.start, end: raw.end, at: raw.at }, []);
    checkInferred(file, at, raw as unknown as Record<string, unknown>);
    const modality = typeof raw.modality === 'string' ? raw.modality.toUpperCase() : DEFAULT_MODALITY;
    const time = (key: 'start' | 'end' | 'at') => (raw[key] && typeof raw[key] === 'object' ? { [key]: raw[key] } : {});
    relationshipFiles.push(file);
    relationships.push({
      id,
      type: raw.type,
      from: raw.from,
      to: raw.to,
      properties: (raw.properties ?? {}) as Relationship['properties'],
      sources: citationsOf(raw.sources).map((s) => ({ document, quote: s.quote, section: s.section ?? null })),
      ...(isModality(modality) && modality !== DEFAULT_MODALITY ? { modality } : {}),
      ...time('start'),
      ...time('end'),
      ...time('at'),
      ...(raw.inferred && typeof raw.inferred === 'object' ? { inferred: raw.inferred } : {}),
    });
  }
  return { entities, relationships, entityFiles, relationshipFiles };
}

/** Names as the domain holds them: `lang` is the name's `language`, kinds in uppercase. */
function namesOf(raw: RawName[] | undefined): Name[] {
  return (Array.isArray(raw) ? raw : [])
    .filter((n) => isItem(n, 'text', 'lang', 'kind'))
    .map((n) => ({ text: n.text, language: n.lang, kind: n.kind.toUpperCase() as NameKind }));
}

/** Format 1 files (no `format`) are refused with what changed, before the schema would list every field. */
function checkFormat(file: SeedFile): boolean {
  const found = (file.data as { format?: unknown } | null)?.format;
  if (found === SEED_FORMAT) return true;
  file.report(
    ['format'],
    `seed format ${found === undefined ? '1 (no "format" field)' : JSON.stringify(found)} is not read: this server reads format ${SEED_FORMAT}. ` +
      'Add "format: 2" at the top; an entity\'s "name" is now its "label" (at most ' + LABEL_MAX_LENGTH + ' characters, a proper name) and its "aliases" are "names", ' +
      'each {text, lang, kind}; the document has a "label" (as people cite it), a "title" and a "language" (docs/data.md, "Seed files")',
  );
  return false;
}

function checkLanguages(file: SeedFile, at: (string | number)[], raw: RawEntity): void {
  if (typeof raw.language === 'string' && !isLanguage(raw.language)) file.report([...at, 'language'], `"${raw.language}" is not a language code`);
  (Array.isArray(raw.names) ? raw.names : []).forEach((n, i) => {
    if (typeof n?.lang === 'string' && !isLanguage(n.lang)) file.report([...at, 'names', i, 'lang'], `"${n.lang}" is not a language code`);
  });
}

/** An `inferred` basis must be about a field the item has. */
function checkInferred(file: SeedFile, at: (string | number)[], raw: Record<string, unknown>): void {
  const inferred = raw.inferred;
  if (!inferred || typeof inferred !== 'object') return;
  for (const field of Object.keys(inferred)) {
    if (raw[field] === undefined) file.report([...at, 'inferred', field], `"${field}" is said to be inferred, but the item has no "${field}"`);
  }
}

function hasShape(data: unknown): data is RawSeed {
  const d = data as Partial<RawSeed> | null;
  return !!d && isItem(d.document, 'id') && Array.isArray(d.entities) && Array.isArray(d.relationships);
}

function isItem(value: unknown, ...keys: string[]): boolean {
  return !!value && typeof value === 'object' && keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'string');
}

const citationsOf = (value: unknown): RawCitation[] =>
  Array.isArray(value) ? value.filter((c): c is RawCitation => isItem(c, 'quote')) : [];

/**
 * The schema checks a date's shape; this checks that a full date exists (no 31 April), and
 * that a `basis` explains a value said to be inferred or approximate.
 */
function checkDates(file: SeedFile, at: (string | number)[], properties: Record<string, unknown> | undefined, under = ['properties']): void {
  for (const [key, value] of Object.entries(properties ?? {})) {
    checkCertainty(file, [...at, ...under, key], value);
    const date = (value as { date?: unknown } | null)?.date;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const parsed = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      file.report([...at, ...under, key, 'date'], `"${date}" is not a calendar date`);
    }
  }
}

/** A basis says why a value is inferred or approximate: on a value that is neither, it is refused. */
function checkCertainty(file: SeedFile, at: (string | number)[], value: unknown): void {
  if (!value || typeof value !== 'object' || !('basis' in value)) return;
  const v = value as Record<string, unknown>;
  if (v.inferred !== undefined || v.approximate !== undefined) return;
  const either = 'date' in v ? '"inferred: true" or "approximate: true"' : '"inferred: true"';
  file.report([...at, 'basis'], `a "basis" explains a value that is inferred or approximate: add ${either}, or remove the basis`);
}


function checkQuotes(file: SeedFile, seed: RawSeed, sourcesDir: string): void {
  const sourceFile = seed.document.sourceFile;
  if (!sourceFile) return file.report(['document', 'sourceFile'], 'no sourceFile to check the quotes against');
  const path = join(sourcesDir, sourceFile);
  if (!existsSync(path)) return file.report(['document', 'sourceFile'], `source text not found at ${path}`);
  const text = normalise(readFileSync(path, 'utf8'));
  const check = (sources: unknown, at: (string | number)[]) =>
    citationsOf(sources).forEach((s, i) => {
      if (!text.includes(normalise(s.quote))) file.report([...at, 'sources', i, 'quote'], 'quote not found verbatim in the source text');
    });
  check(seed.document.sources, ['document']);
  seed.entities.forEach((e, i) => check(e?.sources, ['entities', i]));
  seed.relationships.forEach((r, i) => check(r?.sources, ['relationships', i]));
}
