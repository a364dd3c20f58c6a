import { Document as YamlDocument, isScalar, visit, type Node as YamlNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { BadInputError, NotFoundError } from '../domain/errors';
import { relationshipId, type Citation, type Entity, type GraphData, type Relationship } from '../domain/model';
import { compareIds } from '../domain/order';
import { quoteIn } from '../domain/quote';
import { DEFAULT_MODALITY } from '../domain/vocabulary';
import type { SeedDataset } from '../seed/load-seed';
import { SEED_FORMAT } from '../seed/seed-schema';
import { CURATION_DATASET, SEED_ACTOR, type ChangeRecord, type Operation } from '../changes/change';
import { canonical } from '../domain/canonical';
import { fold, type Skipped } from './fold';

/*
 * "Back to data as code": what a dataset of edits made through the API (curation) created
 * for one document, written as a seed file (format 2, src/seed/seed-schema.ts), so that a
 * reviewed batch of edits can become a seed file; loading it beside the others then changes
 * nothing in the graph (fold.ts takes a create its record's new dataset states as done).
 * Pure: the graph and the log in, the file's text out. The command: export-seed-command.ts.
 */

export interface ExportSeedRequest {
  dataset: string;
  /** The document to write; when absent, the only one the dataset registered (ADD_DOCUMENT). */
  document?: string;
  /** Name the document's text `<id>.txt` in `sourceFile` (the command writes the text there). */
  withSourceFile?: boolean;
}

/** A record of the dataset citing the document that the file does not hold, and why. */
export interface KeptAsEdit {
  id: string;
  why: string;
}

export interface SeedExport {
  dataset: string;
  document: Entity;
  /** The full text registered with the document (its ADD_DOCUMENT), null when none was. */
  text: string | null;
  /** `<id>.txt` when asked for, else null. */
  sourceFile: string | null;
  /** Ids written, in the file's order. */
  entities: string[];
  relationships: string[];
  /** Citations of the records written that the file cannot hold: of other documents, or without a section. */
  leftOut: { otherDocuments: number; noSection: number };
  /** Records a seed file states and the dataset corrected, citing the document: they stay edits in the log. */
  corrections: string[];
  keptAsEdits: KeptAsEdit[];
  /** The file's YAML, without its header comment (seedFileText adds it). */
  body: string;
}

type Load = Extract<Operation, { kind: 'LOAD' }>;

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
const onlyIn = (r: Entity | Relationship, dataset: string) => r.record?.datasets.length === 1 && r.record.datasets[0] === dataset;
const cites = (r: Entity | Relationship, document: string) => r.sources.some((c) => c.document === document);
const listed = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');

/**
 * The seed file of one document of `request.dataset`: the document, and the entities and
 * relationships only that dataset states (created through the API) citing it, with their
 * citations of it. Throws BadInputError or NotFoundError, naming the flag, when the dataset or
 * the document cannot be exported.
 */
export function exportSeed(graph: GraphData, changes: readonly ChangeRecord[], request: ExportSeedRequest): SeedExport {
  const { dataset } = request;
  checkDataset(changes, dataset);
  const entities = new Map(graph.entities.map((e) => [e.id, e]));
  const registered = [...new Set(changes.flatMap((c) => (c.op.kind === 'ADD_DOCUMENT' && c.dataset === dataset ? [c.op.entity.id] : [])))].sort(compareIds);
  const document = pickDocument(request, registered, entities);
  const id = document.id;
  const added = changes.filter((c) => c.op.kind === 'ADD_DOCUMENT' && c.op.entity.id === id).at(-1)?.op as Extract<Operation, { kind: 'ADD_DOCUMENT' }> | undefined;
  const text = added?.text ?? null;
  if (request.withSourceFile && text === null) {
    throw new BadInputError(`--text-dir: document "${id}" was registered without its text, so there is no text to write; export it without --text-dir.`, '--text-dir');
  }
  const leftOut = { otherDocuments: 0, noSection: 0 };
  /** The record's citations the file can hold: of this document, with a section; the others counted. */
  const citationsOf = (r: Entity | Relationship) => {
    const own = r.sources.filter((c) => c.document === id);
    leftOut.otherDocuments += r.sources.length - own.length;
    leftOut.noSection += own.filter((c) => c.section === null).length;
    return own.filter((c) => c.section !== null).map(citationEntry);
  };
  const keptAsEdits: KeptAsEdit[] = [];
  const unsectioned = (r: { id: string }) => keptAsEdits.push({ id: r.id, why: `its citations of ${id} have no section, which a seed file needs` });

  const documentEntry = documentEntryOf(document, request.withSourceFile ? `${id}.txt` : null);
  const documentSources = citationsOf(document);
  if (documentSources.length === 0) {
    throw new BadInputError(
      `--document: document "${id}" cites nothing of itself, and a seed file's document needs at least one citation (a quote of its text, with its section, ` +
        `saying what it is: its title, number or date). Add one with the addCitation mutation (input: {id: "${id}", citation: {document: "${id}", quote: "...", section: "header"}, reason: "..."}), then export again.`,
      '--document',
    );
  }
  documentEntry.sources = documentSources;

  const entityEntries: Record<string, unknown>[] = [];
  const written = new Set([id]);
  for (const e of graph.entities.filter((x) => x.id !== id && onlyIn(x, dataset) && cites(x, id)).sort(byId)) {
    if (registered.includes(e.id)) {
      keptAsEdits.push({ id: e.id, why: `a document registered through the API: export it with --document ${e.id}` });
      continue;
    }
    const sources = citationsOf(e);
    if (sources.length === 0) {
      unsectioned(e);
      continue;
    }
    entityEntries.push({ ...entityEntryOf(e), sources });
    written.add(e.id);
  }

  const seedIds = statedBySeeds(changes);
  const relationshipEntries: Record<string, unknown>[] = [];
  const relationshipIds: string[] = [];
  for (const r of graph.relationships.filter((x) => onlyIn(x, dataset) && cites(x, id)).sort(byId)) {
    const loose = [r.from, r.to].find((end) => !written.has(end) && !seedIds.has(end));
    if (loose) {
      keptAsEdits.push({ id: r.id, why: `its end "${loose}" is in no seed file, nor in this one` });
      continue;
    }
    const sources = citationsOf(r);
    if (sources.length === 0) {
      unsectioned(r);
      continue;
    }
    relationshipEntries.push({ ...relationshipEntryOf(r), sources });
    relationshipIds.push(r.id);
  }

  const corrected = (r: Entity | Relationship) => !!r.record?.datasets.includes(dataset) && !onlyIn(r, dataset) && cites(r, id);
  const corrections = [...graph.entities.filter(corrected), ...graph.relationships.filter(corrected)].map((r) => r.id);
  for (const c of [...documentSources, ...entityEntries.flatMap((e) => e.sources as Citation[]), ...relationshipEntries.flatMap((r) => r.sources as Citation[])]) {
    if (text !== null && !quoteIn(c.quote, text)) {
      throw new BadInputError(`--document: the quote "${c.quote.slice(0, 200)}" (section ${c.section}) is not in the text registered with "${id}".`, '--document');
    }
  }
  return {
    dataset,
    document,
    text,
    sourceFile: request.withSourceFile ? `${id}.txt` : null,
    entities: entityEntries.map((e) => e.id as string),
    relationships: relationshipIds,
    leftOut,
    corrections,
    keptAsEdits,
    body: toYaml({ format: SEED_FORMAT, document: documentEntry, entities: entityEntries, relationships: relationshipEntries }),
  };
}

/** A dataset of edits the log holds; a seed file's dataset (only LOADs) or an unknown one is refused. */
function checkDataset(changes: readonly ChangeRecord[], dataset: string): void {
  const names = [...new Set(changes.map((c) => c.dataset))].sort(compareIds);
  if (!names.includes(dataset)) {
    throw new NotFoundError(`--dataset: no dataset "${dataset}" in the store's change log; its datasets: ${listed(names)}.`, '--dataset');
  }
  if (changes.every((c) => c.dataset !== dataset || c.kind === 'LOAD')) {
    throw new BadInputError(
      `--dataset: "${dataset}" is the dataset of the seed file ${dataset}.yaml, whose records are in that file already; export-seed writes the edits of a dataset made through the API (${CURATION_DATASET}).`,
      '--dataset',
    );
  }
}

/** The document asked for, or the only one the dataset registered and only it states. */
function pickDocument(request: ExportSeedRequest, registered: string[], entities: Map<string, Entity>): Entity {
  const own = registered.filter((d) => {
    const e = entities.get(d);
    return e?.type === 'Document' && onlyIn(e, request.dataset);
  });
  if (request.document === undefined) {
    if (own.length === 1) return entities.get(own[0]!)!;
    if (own.length === 0) {
      throw new NotFoundError(
        `no document registered through the API in dataset "${request.dataset}" is left to export (registered: ${listed(registered)}; each is stated by a seed file now, or no longer current).`,
        '--document',
      );
    }
    throw new BadInputError(`several documents registered through the API in dataset "${request.dataset}": ${own.join(', ')}; a seed file holds one: pick one with --document ID.`, '--document');
  }
  const document = entities.get(request.document);
  if (!document || document.type !== 'Document') {
    throw new NotFoundError(`--document: no current document "${request.document}"; registered through the API in dataset "${request.dataset}": ${listed(own)}.`, '--document');
  }
  if (!onlyIn(document, request.dataset)) {
    const by = (document.record?.datasets ?? []).filter((d) => d !== request.dataset);
    throw new BadInputError(
      `--document: document "${document.id}" is stated by seed file(s) ${by.map((d) => `${d}.yaml`).join(', ')} already, and a second seed file cannot state it again; add what its edits created to that file by hand.`,
      '--document',
    );
  }
  return document;
}

/** Every entity id the seed files state, as their last loads recorded them. */
function statedBySeeds(changes: readonly ChangeRecord[]): Set<string> {
  const last = new Map<string, Load>();
  for (const c of changes) if (c.op.kind === 'LOAD') last.set(c.op.dataset, c.op);
  return new Set([...last.values()].flatMap((op) => op.entities.map((e) => e.id)));
}

/*
 * The reverse of load-seed.ts's mapping: a document's title, language and sourceFile are
 * fields of its own; statuses, modalities and name kinds in lower case; names' `lang`; a
 * relationship's id only when it is not the one made from its ends and type.
 */

function documentEntryOf(d: Entity, sourceFile: string | null): Record<string, unknown> {
  const { title, language, sourceFile: _, ...properties } = d.properties;
  if (typeof title !== 'string' || typeof language !== 'string') {
    throw new BadInputError(`--document: document "${d.id}" has no title or no language, which a seed file's document needs.`, '--document');
  }
  return {
    id: d.id,
    label: d.label,
    title,
    language,
    ...(d.category ? { category: d.category } : {}),
    ...(sourceFile ? { sourceFile } : {}),
    ...namesOf(d),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
}

function entityEntryOf(e: Entity): Record<string, unknown> {
  return {
    id: e.id,
    type: e.type,
    ...(e.category ? { category: e.category } : {}),
    label: e.label,
    ...namesOf(e),
    ...(e.status ? { status: e.status.toLowerCase() } : {}),
    ...(Object.keys(e.inferred).length ? { inferred: e.inferred } : {}),
    ...(Object.keys(e.properties).length ? { properties: e.properties } : {}),
  };
}

function relationshipEntryOf(r: Relationship): Record<string, unknown> {
  return {
    ...(r.id !== relationshipId(r.from, r.type, r.to) ? { id: r.id } : {}),
    type: r.type,
    from: r.from,
    to: r.to,
    ...(r.modality && r.modality !== DEFAULT_MODALITY ? { modality: r.modality.toLowerCase() } : {}),
    ...(r.start ? { start: r.start } : {}),
    ...(r.end ? { end: r.end } : {}),
    ...(r.at ? { at: r.at } : {}),
    ...(r.inferred && Object.keys(r.inferred).length ? { inferred: r.inferred } : {}),
    ...(Object.keys(r.properties).length ? { properties: r.properties } : {}),
  };
}

const namesOf = (e: Entity) => (e.names.length ? { names: e.names.map((n) => ({ text: n.text, lang: n.language, kind: n.kind.toLowerCase() })) } : {});
const citationEntry = (c: Citation) => ({ quote: c.quote, section: c.section });

/** Words that read the same plain: ids, slugs, types, kinds. Anything else is double-quoted, as the seed files write text. */
const PLAIN = /^[A-Za-z][A-Za-z0-9._-]*$/;
/** Small maps (a name, a citation, a date, an amount) on one line, as the seed files write them. */
const ONE_LINE = ['quote', 'lang', 'date', 'currency'];

/** The seed's YAML style: entries apart by a blank line, small maps on one line, text in double quotes, no folding. */
function toYaml(data: unknown): string {
  const doc = new YamlDocument(data);
  visit(doc, {
    Map(_, node: YAMLMap) {
      if (node.items.some((p) => ONE_LINE.includes(String((p.key as Scalar).value))) && node.items.every((p) => isScalar(p.value))) node.flow = true;
    },
    Scalar(key, node: Scalar) {
      if (key !== 'key' && typeof node.value === 'string' && !PLAIN.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  for (const key of ['entities', 'relationships']) {
    (doc.get(key, true) as YAMLSeq<YamlNode>).items.forEach((item, i) => {
      if (i > 0) item.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Where and when the export comes from, for its header. */
export interface ExportOrigin {
  /** When the export was made (ISO 8601). */
  exportedAt: string;
  /** The store, as a person names it: `embedded store /data/graph.sqlite`. */
  store: string;
  /** The last change of the log the export reflects, and when it was committed. */
  through: { seq: number; at: string | null };
  /** The command line that makes it again. */
  command: string;
  /** What loading it beside the seed files does (checkReload), or why that was not checked; absent: not said. */
  reload?: ReloadOutcome;
}

/** The seed file: a header comment saying what it is, where from, how to use it and what it leaves out, then the YAML. */
export function seedFileText(exp: SeedExport, origin: ExportOrigin): string {
  const id = exp.document.id;
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const quotes = exp.text === null
    ? 'The document was registered without its text: its quotes were not checked against it.'
    : exp.sourceFile
      ? `Quotes: each was checked against the text registered with the document when it was written; loading with SOURCES_DIR holding ${exp.sourceFile} checks them again.`
      : 'Quotes: each was checked against the text registered with the document when it was written (no sourceFile: export with --text-dir DIR to write the text too, as DIR/<id>.txt).';
  const paragraphs = [
    `Seed file written from the edits of dataset "${exp.dataset}" made through the API: document ${id} ("${exp.document.label}") ` +
      `and the ${count(exp.entities.length, 'entity', 'entities')} and ${count(exp.relationships.length, 'relationship')} created that cite it, each with its citations of this document.`,
    `Exported at ${origin.exportedAt} from the ${origin.store}, its change log through change #${origin.through.seq}${origin.through.at ? ` (${origin.through.at})` : ''}, by: ${origin.command}`,
    '',
    `To use it: review it, then add it to seed/ in a pull request as seed/${id}.yaml${exp.sourceFile ? `, with ${exp.sourceFile} in the folder of the source texts (SOURCES_DIR)` : ''}. ` +
      'Loaded, its records become facts of this file too, and the edits that made them stay in the change log, their creations taken as done: the graph stays as it is (see the check below).',
    quotes,
  ];
  const notWritten = [
    ...(exp.corrections.length ? [`- corrections kept as edits in the log (records of other seed files, corrected through the API): ${exp.corrections.join(', ')}`] : []),
    ...(exp.leftOut.otherDocuments
      ? [`- ${count(exp.leftOut.otherDocuments, 'citation')} of other documents on these records: a seed file cites only its own document; they stay in the log, and loading keeps them`]
      : []),
    ...(exp.leftOut.noSection ? [`- ${count(exp.leftOut.noSection, 'citation')} of this document without a section, which a seed file needs; they stay in the log`] : []),
    ...exp.keptAsEdits.map((k) => `- ${k.id}, kept as an edit: ${k.why}`),
  ];
  if (notWritten.length) paragraphs.push('', 'Not written:', ...notWritten);
  if (origin.reload) paragraphs.push('', ...reloadLines(origin.reload));
  const lines = paragraphs.flatMap((p) => wrap(p, 96, p.startsWith('- ') ? '  ' : ''));
  return `${lines.map((l) => (l ? `# ${l}` : '#')).join('\n')}\n\n${exp.body}`;
}

/** `text` in lines of at most `width` characters (a longer word stays whole), the lines after the first indented. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

function reloadLines(reload: ReloadOutcome): string[] {
  if ('notChecked' in reload) return [`Not checked that loading it changes nothing: ${reload.notChecked}.`];
  if (!reload.changed.length && !reload.skipped.length) return ['Checked when written: loading it beside the seed files changes nothing in the graph.'];
  return [
    'Checked when written: loading it beside the seed files changes the graph:',
    ...reload.changed.map((c) => `- ${c}`),
    ...reload.skipped.map((s) => `- change #${s.seq} no longer applies: ${s.reason}`),
  ];
}

/** What loading the file does (checkReload), or why that was not checked. */
export type ReloadOutcome = ReloadCheck | { notChecked: string };

/** What loading a dataset does to the graph the log makes: the records it changes (`id: fields`), and the changes it leaves without their target. */
export interface ReloadCheck {
  changed: string[];
  skipped: Skipped[];
}

/** The graph the log makes, then with `dataset` loaded (a LOAD at the log's end, as ensureSeed records it): what differs, records compared without their bookkeeping. */
export function checkReload(changes: readonly ChangeRecord[], dataset: SeedDataset): ReloadCheck {
  const last = changes.at(-1);
  const op: Load = { kind: 'LOAD', dataset: dataset.name, version: dataset.version, entities: dataset.entities, relationships: dataset.relationships };
  const load: ChangeRecord = { seq: (last?.seq ?? 0) + 1, at: last?.at ?? '', kind: 'LOAD', actor: SEED_ACTOR, dataset: dataset.name, reason: null, citations: [], op, targets: [] };
  const before = fold(changes);
  const after = fold([...changes, load]);
  const changed = [
    ...differences(before.graph.entities, after.graph.entities),
    ...differences(before.graph.relationships, after.graph.relationships),
  ];
  const skippedBefore = new Set(before.skipped.map((s) => s.seq));
  return { changed, skipped: after.skipped.filter((s) => !skippedBefore.has(s.seq)) };
}

/** `id: fields` for each record added, removed or changed (properties by name). */
function differences(a: (Entity | Relationship)[], b: (Entity | Relationship)[]): string[] {
  const x = new Map(a.map((r) => [r.id, r]));
  const y = new Map(b.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const id of [...new Set([...x.keys(), ...y.keys()])].sort(compareIds)) {
    const before = x.get(id);
    const after = y.get(id);
    if (!before || !after) {
      out.push(`${id}: ${before ? 'removed' : 'added'}`);
      continue;
    }
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'record').sort();
    const changed = fields.flatMap((k) => {
      const p = before[k as keyof typeof before] as unknown;
      const q = after[k as keyof typeof after] as unknown;
      if (canonical(p) === canonical(q)) return [];
      if (k !== 'properties') return [k];
      const props = p as Record<string, unknown>;
      const qprops = q as Record<string, unknown>;
      return [...new Set([...Object.keys(props), ...Object.keys(qprops)])].sort().filter((n) => canonical(props[n]) !== canonical(qprops[n])).map((n) => `properties.${n}`);
    });
    if (changed.length) out.push(`${id}: ${changed.join(', ')}`);
  }
  return out;
}
