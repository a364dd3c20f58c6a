import type { Entity, Relationship } from '../domain/model';
import type { ChangeRecord, GraphDelta, NewChange } from './change';

/**
 * What a commit reads before it plans, inside its transaction and under the log's lock, so
 * that what it plans on is what it writes over: no other commit can come between. On
 * Neo4j all of it goes in one round trip; what the plan asks for beyond it (NotRead) costs
 * one more. The embedded store reads each thing when it is asked.
 */
export interface ReadRequest {
  /** Entities by id; each is read with its lower-case form and the entity it was merged into. */
  entities?: readonly string[];
  relationships?: readonly string[];
  /** Entities whose every relationship is read. */
  around?: readonly string[];
  /** Pairs of entities whose relationships joining them (either way) are read. */
  between?: readonly (readonly [string, string])[];
  /** Documents whose text given to addDocument is read. */
  texts?: readonly string[];
  /** Request keys (the actor's idempotency key) whose changes are read. */
  keys?: readonly string[];
  /** The whole log, without targets (an unmerge folds it). */
  log?: boolean;
}

/** Where the log ends, as the transaction holding its lock reads it. */
export interface LogEnd {
  /** The last change's number, 0 for an empty log. */
  seq: number;
  /** The last change's time, null for an empty log. */
  at: string | null;
  /** The version of the graph the store holds (graphVersionAt). */
  graphVersion: string | null;
}

/**
 * The graph and the log as a commit's transaction reads them: current records by id (null:
 * none), relationships by end, merged ids, document texts, changes by request key. Each
 * method throws NotRead for what was not read (on Neo4j); the plan is then run again with it.
 */
export interface TxView {
  readonly end: LogEnd;
  entity(id: string): Entity | null;
  relationship(id: string): Relationship | null;
  /** The current relationships with `id` at either end, by id. */
  relationshipsOf(id: string): Relationship[];
  /** The current relationships joining `a` and `b`, either way, by id. */
  relationshipsBetween(a: string, b: string): Relationship[];
  /** The current entity an id merged away stands for (through a chain), or null. */
  mergedInto(id: string): string | null;
  /** The text given to addDocument for this document, or null. */
  documentText(id: string): string | null;
  /** The changes committed under this request key, in order; [] when none. */
  committed(key: string): ChangeRecord[];
  /** The whole log, without targets. */
  log(): ChangeRecord[];
}

/** Thrown by a TxView for what its transaction has not read yet: the store reads it and plans again. */
export class NotRead extends Error {
  constructor(readonly request: ReadRequest) {
    super(`Not read in this transaction: ${JSON.stringify(request)}.`);
    this.name = 'NotRead';
  }
}

/** One change a commit appends, with its writes to the graph (null: none; the graph is laid down again after it). */
export interface Intent {
  change: NewChange;
  delta: GraphDelta | null;
}

/**
 * The work of one commit: what to read first, and the plan that, given what was read,
 * says which changes to append (Intent) or that they were committed already (`replay`:
 * the changes of an idempotency key seen before). `plan` is pure over the view: it may run
 * more than once (after a NotRead, or when the database retries the transaction).
 */
export interface CommitWork {
  reads: ReadRequest;
  plan(view: TxView): Intent[] | { replay: ChangeRecord[] };
  /** A LOAD holds a whole seed file: its transaction may take as long as a load. */
  long?: boolean;
}

/** What a commit did: the changes appended (or found, `replayed`), and the records it wrote, as stored. */
export interface Committed {
  changes: ChangeRecord[];
  replayed: boolean;
  entities: Map<string, Entity>;
  relationships: Map<string, Relationship>;
}
