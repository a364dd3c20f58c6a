import type { ChangeRecord, Operation, RequestKey, TargetKind } from '../changes/change';
import type { Intent, ReadRequest, TxView } from '../changes/reads';
import { BadInputError, ConflictError, DomainError, NotFoundError, QuoteNotFoundError } from '../domain/errors';
import { entityNamedBy, idForms } from '../domain/id-rule';
import { relationshipId, type Citation } from '../domain/model';
import { quoteIn } from '../domain/quote';
import { applyOperation } from './apply';
import { CURATION_DATASET } from '../changes/change';
import type { DocumentTexts } from './document-text';
import type { Curation, CurationRequest, Draft } from './draft';
import { Writes, type GraphState } from './graph-state';
import { planUnmerge } from './unmerge';

/** How long an idempotency key answers the change it came with. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * What a commit of `curation` reads first: every id its requests name (with the records
 * around those that a retraction or a merge moves, and the relationships between the ends
 * of a new one), the cited documents and the texts not kept yet, and the request key's
 * changes. On Neo4j all of it is one round trip; the plan asks for anything else it needs.
 */
export function readsOf(curation: Curation, key: string, texts: DocumentTexts): ReadRequest {
  const entities: string[] = [];
  const relationships: string[] = [];
  const around: string[] = [];
  const between: [string, string][] = [];
  const documents = new Set<string>();
  let log = false;
  for (const { draft, citations } of curation.requests) {
    for (const c of citations) documents.add(c.document);
    switch (draft.kind) {
      case 'ADD_DOCUMENT':
      case 'CREATE_ENTITY':
        entities.push(draft.entity.id);
        break;
      case 'UPDATE_ENTITY':
        entities.push(draft.id);
        break;
      case 'ADD_RELATIONSHIP': {
        const r = draft.relationship;
        entities.push(r.from, r.to);
        relationships.push(draft.idGiven ? r.id : relationshipId(r.from, r.type, r.to));
        between.push([r.from, r.to]);
        if (r.from.toLowerCase() !== r.from || r.to.toLowerCase() !== r.to) between.push([r.from.toLowerCase(), r.to.toLowerCase()]);
        break;
      }
      case 'UPDATE_RELATIONSHIP':
        relationships.push(draft.id);
        break;
      case 'RETRACT':
      case 'ADD_CITATION':
        if (draft.kind === 'ADD_CITATION') documents.add(draft.citation.document);
        if (draft.target !== 'RELATIONSHIP') entities.push(draft.id);
        if (draft.target !== 'ENTITY') relationships.push(draft.id);
        if (draft.kind === 'RETRACT' && draft.target !== 'RELATIONSHIP') around.push(...idForms(draft.id));
        break;
      case 'MERGE':
        entities.push(draft.into, draft.from);
        around.push(...idForms(draft.into), ...idForms(draft.from));
        break;
      case 'UNMERGE':
        entities.push(draft.from);
        log = true;
        break;
    }
  }
  return { entities: [...entities, ...documents], relationships, around, between, texts: texts.unknown([...documents]), keys: [key], log };
}

/**
 * The commit's plan, on what its transaction read: the changes of an idempotency key seen
 * within KEY_LIFETIME_MS again (the same key with another input is refused); else each
 * request in order, on the graph as the ones before it left it (a batch may refer to ids
 * it creates): its citations checked (documents that exist, quotes in their texts), its
 * ids resolved (entityNamedBy) and checked, the operation the log keeps made of its draft,
 * its expected version checked, and done (apply.ts). Every error names the input field.
 */
/**
 * What the requests planned before in the same commit left (curate.ts commits several
 * curations at once): the graph with their writes, and the texts of the documents they registered.
 */
export interface Planned {
  state: GraphState;
  added: Map<string, string | null>;
}

export function planCuration(view: TxView, curation: Curation, key: RequestKey, texts: DocumentTexts, now: string, before: Planned = { state: view, added: new Map() }):
  { intents: Intent[]; after: Planned } | { replay: ChangeRecord[] } {
  const seen = view.committed(key.key).filter((c) => Date.parse(c.at) >= Date.parse(now) - KEY_LIFETIME_MS);
  if (seen.length > 0) {
    if (seen[0]!.requestKey?.digest !== key.digest) {
      throw new BadInputError(`Input field "input.idempotencyKey": the key was used at ${seen[0]!.at} (change ${seen[0]!.seq}) for another input; use a new key for a new request.`, 'input.idempotencyKey');
    }
    return { replay: seen };
  }
  const intents: Intent[] = [];
  /** Texts of documents registered earlier in this commit. */
  const added = new Map(before.added);
  let state = before.state;
  for (const request of curation.requests) {
    if (request.draft.kind === 'UNMERGE') {
      if (curation.requests.length > 1) throw new BadInputError(`Input field "${request.path}": unmergeEntities lays the graph down again; it cannot be part of a batch.`, request.path);
      return { intents: [planUnmerge(view, curation.actor, request, key)], after: before };
    }
    checkCitations(state, view, request, texts, added);
    const op = operationOf(state, request);
    const w = new Writes(state);
    try {
      applyOperation(op, w);
    } catch (error) {
      throw at(error, request.path);
    }
    if (op.kind === 'ADD_DOCUMENT') added.set(op.entity.id, op.text);
    intents.push({
      change: { kind: op.kind, actor: curation.actor, dataset: CURATION_DATASET, reason: request.reason, citations: request.citations, op, targets: w.targets(), requestKey: key },
      delta: w.delta(),
    });
    state = w;
  }
  return { intents, after: { state, added } };
}

/** An error of apply.ts (argument `id`, `from`...) naming the field of this request's input. */
function at(error: unknown, path: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const argument = (error as { argument?: string }).argument;
  const field = argument === undefined ? path : `${path}.${argument}`;
  if (error instanceof NotFoundError) return new NotFoundError(error.message, field);
  if (error instanceof ConflictError) return new ConflictError(error.message, field, error.currentVersion);
  return error;
}

/** Every citation names a current Document, and its quote is in the document's text whenever the text is known. */
function checkCitations(state: GraphState, view: TxView, request: CurationRequest, texts: DocumentTexts, added: Map<string, string | null>): void {
  const list: [string, Citation][] = request.draft.kind === 'ADD_CITATION'
    ? [[request.citationsPath, request.draft.citation]]
    : request.citations.map((c, i) => [`${request.citationsPath}[${i}]`, c]);
  for (const [field, c] of list) {
    const document = state.entity(c.document);
    if (!document || document.type !== 'Document') {
      throw new NotFoundError(`Input field "${field}.document": no document with id "${c.document}"; register it with addDocument first.`, `${field}.document`);
    }
    const text = added.has(document.id) ? added.get(document.id)! : texts.textOf(document, view);
    if (text !== null && !quoteIn(c.quote, text)) {
      throw new QuoteNotFoundError(`Input field "${field}.quote": the quote is not in the text of "${document.id}" (whitespace runs count as one space, nothing else is changed): "${c.quote.slice(0, 200)}".`, `${field}.quote`);
    }
  }
}

/** The current entity an id names on `state` (entityNamedBy), or null. */
function namedOn(state: GraphState, id: string): string | null {
  const named = entityNamedBy(id, { isEntity: (x) => state.entity(x) !== null, mergedInto: (x) => state.mergedInto(x) });
  return named !== null && state.entity(named) ? named : null;
}

/** The current entity an input id names, or NOT_FOUND naming the field. */
function entityAt(state: GraphState, path: string, field: string, id: string): string {
  const named = namedOn(state, id);
  if (named === null) throw new NotFoundError(`Input field "${path}.${field}": no current entity with id "${id}".`, `${path}.${field}`);
  return named;
}

function relationshipAt(state: GraphState, path: string, id: string): string {
  if (!state.relationship(id)) throw new NotFoundError(`Input field "${path}.id": no current relationship with id "${id}".`, `${path}.id`);
  return id;
}

/** What an id names when the input does not say: an entity, else a relationship. */
function targetAt(state: GraphState, path: string, id: string, kind: TargetKind | null): { target: TargetKind; id: string } {
  if (kind === 'RELATIONSHIP') return { target: kind, id: relationshipAt(state, path, id) };
  if (kind === 'ENTITY') return { target: kind, id: entityAt(state, path, 'id', id) };
  const named = namedOn(state, id);
  if (named !== null) return { target: 'ENTITY', id: named };
  if (state.relationship(id)) return { target: 'RELATIONSHIP', id };
  throw new NotFoundError(`Input field "${path}.id": no current entity or relationship with id "${id}".`, `${path}.id`);
}

/** The operation the log keeps for a request: its ids resolved on `state`, its expected version checked. */
function operationOf(state: GraphState, request: CurationRequest): Operation {
  const { draft, path, citations } = request;
  if (draft.kind === 'UNMERGE') throw new Error('An unmerge is planned by planUnmerge.');
  const op = resolved(state, draft, path, citations);
  if (request.expectedVersion !== undefined) {
    const [kind, id] = expectedOf(op);
    const record = kind === 'ENTITY' ? state.entity(id) : state.relationship(id);
    const found = record ? (record.record?.version ?? 0) : null;
    if (found !== request.expectedVersion) {
      throw new ConflictError(
        `${kind === 'ENTITY' ? 'Entity' : 'Relationship'} "${id}" is at version ${found ?? 'none'}, not ${request.expectedVersion} (expectedVersion): it changed since it was read; read it again.`,
        `${path}.expectedVersion`,
        found ?? undefined,
      );
    }
  }
  return op;
}

function resolved(state: GraphState, draft: Exclude<Draft, { kind: 'UNMERGE' }>, path: string, citations: Citation[]): Operation {
  switch (draft.kind) {
    case 'ADD_DOCUMENT':
    case 'CREATE_ENTITY':
      return draft;
    case 'UPDATE_ENTITY':
      return { kind: 'UPDATE_ENTITY', id: entityAt(state, path, 'id', draft.id), set: draft.set, ...(draft.properties ? { properties: draft.properties } : {}), citations };
    case 'ADD_RELATIONSHIP': {
      const r = draft.relationship;
      const from = entityAt(state, path, 'from', r.from);
      const to = entityAt(state, path, 'to', r.to);
      if (from === to) throw new BadInputError(`Input field "${path}.to" is the entity of "from" ("${from}"): a relationship joins two entities.`, `${path}.to`);
      return { kind: 'ADD_RELATIONSHIP', relationship: { ...r, from, to, id: draft.idGiven ? r.id : relationshipId(from, r.type, to) } };
    }
    case 'UPDATE_RELATIONSHIP':
      return { kind: 'UPDATE_RELATIONSHIP', id: relationshipAt(state, path, draft.id), set: draft.set, ...(draft.properties ? { properties: draft.properties } : {}), citations };
    case 'RETRACT':
      return { kind: 'RETRACT', ...targetAt(state, path, draft.id, draft.target) };
    case 'ADD_CITATION':
      return { kind: 'ADD_CITATION', ...targetAt(state, path, draft.id, draft.target), citation: draft.citation };
    case 'MERGE':
      return { kind: 'MERGE', into: entityAt(state, path, 'into', draft.into), from: entityAt(state, path, 'from', draft.from) };
  }
}

/** The record whose version `expectedVersion` gives. */
function expectedOf(op: Operation): [TargetKind, string] {
  switch (op.kind) {
    case 'UPDATE_ENTITY':
      return ['ENTITY', op.id];
    case 'UPDATE_RELATIONSHIP':
      return ['RELATIONSHIP', op.id];
    case 'RETRACT':
    case 'ADD_CITATION':
      return [op.target, op.id];
    case 'MERGE':
      return ['ENTITY', op.into];
    default:
      throw new BadInputError(`expectedVersion applies to a change of a record that exists; ${op.kind} makes one.`);
  }
}

