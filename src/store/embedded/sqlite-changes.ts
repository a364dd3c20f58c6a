import type Database from 'better-sqlite3';
import type { ChangeRecord, ChangeTarget, GraphDelta } from '../../changes/change';
import { planCommit, type CommitPlan, type DatasetHead } from '../../changes/commit-plan';
import type { CommitWork, Committed, LogEnd, TxView } from '../../changes/reads';
import { ConflictError } from '../../domain/errors';
import type { Entity, Relationship } from '../../domain/model';
import { compareIds } from '../../domain/order';
import type { ChangeQuery } from '../store';
import type { SqliteSearch } from './sqlite-search';
import { ENTITY_COLUMNS, entityValues, RELATIONSHIP_COLUMNS, relationshipValues, toEntity, toRelationship, type EntityRow, type RelationshipRow } from './sqlite-rows';

type ChangeRow = [seq: number, at: string, actor: string, kind: string, dataset: string, reason: string | null, citations: string, op: string, requestKey: string | null, requestDigest: string | null];
type TargetRow = [seq: number, kind: string, id: string, before: string | null, after: string | null];

const CHANGE_COLUMNS = 'c.seq, c.at, c.actor, c.kind, c.dataset, c.reason, c.citations, c.op, c.request_key, c.request_digest';

/**
 * The change log of the embedded store (tables in sqlite-schema.ts) and the writes of a
 * commit to the graph tables: in one IMMEDIATE transaction (SQLite's write lock, shared by
 * every process on the file), the commit's plan runs on what the transaction reads
 * (SqliteView), then its changes, each record written (with the search index and the
 * citations table kept in step), the merged ids, the dataset heads and the graph's version.
 */
export class SqliteChanges {
  private readonly q;

  constructor(private readonly db: Database.Database, private readonly search: SqliteSearch, private readonly written: () => void) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      last: p(`SELECT seq, at FROM changes ORDER BY seq DESC LIMIT 1`).raw(),
      entity: p(`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.id = ?`).raw(),
      relationship: p(`SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.id = ?`).raw(),
      around: p(`SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.from_id = @id UNION SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.to_id = @id`).raw(),
      between: p(`SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.from_id = @a AND r.to_id = @b
        UNION SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.from_id = @b AND r.to_id = @a`).raw(),
      mergedInto: p(`SELECT into_id FROM merged_ids WHERE from_id = ?`).pluck(),
      documentText: p(`SELECT c.op FROM change_targets t JOIN changes c ON c.seq = t.seq
        WHERE t.kind = 'ENTITY' AND t.id = ? AND c.kind = 'ADD_DOCUMENT' ORDER BY t.seq DESC LIMIT 1`).pluck(),
      byKey: p(`SELECT ${CHANGE_COLUMNS} FROM changes c WHERE c.request_key = ? ORDER BY c.seq`).raw(),
      heads: p(`SELECT dataset, version, seq FROM dataset_heads ORDER BY dataset`).raw(),
      putHead: p(`INSERT INTO dataset_heads (dataset, version, seq) VALUES (?, ?, ?) ON CONFLICT (dataset) DO UPDATE SET version = excluded.version, seq = excluded.seq`),
      at: p(`SELECT seq FROM changes WHERE at <= ? ORDER BY at DESC, seq DESC LIMIT 1`).pluck(),
      graphVersion: p(`SELECT value FROM meta WHERE key = 'graphVersion'`).pluck(),
      setGraphVersion: p(`INSERT INTO meta (key, value) VALUES ('graphVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      insertChange: p(`INSERT INTO changes (seq, at, actor, kind, dataset, reason, citations, op, request_key, request_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertTarget: p(`INSERT INTO change_targets (kind, id, seq, before, after) VALUES (?, ?, ?, ?, ?)`),
      targets: p(`SELECT seq, kind, id, before, after FROM change_targets WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq, kind, id`).raw(),
      upsertEntity: p(`INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET
        type = excluded.type, category = excluded.category, label = excluded.label, names = excluded.names, status = excluded.status,
        inferred = excluded.inferred, properties = excluded.properties, sources = excluded.sources, intervals = excluded.intervals, record = excluded.record`),
      // The row's values but its id first, then the id (relationshipValues' order).
      updateRelationship: p(`UPDATE relationships SET type = ?, from_id = ?, to_id = ?, properties = ?, sources = ?, modality = ?, time = ?,
        valid_from = ?, valid_to = ?, inferred = ?, record = ? WHERE id = ?`),
      insertRelationship: p(`INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteEntity: p(`DELETE FROM entities WHERE id = ?`),
      deleteRelationship: p(`DELETE FROM relationships WHERE id = ?`),
      deleteCitations: p(`DELETE FROM citations WHERE kind = ? AND id = ?`),
      insertCitations: p(`INSERT OR IGNORE INTO citations (document, kind, id, row)
        SELECT json_extract(s.value, '$.document'), ?, ?, ? FROM json_each(?) s`),
      entityRowid: p(`SELECT rowid FROM entities WHERE id = ?`).pluck(),
      relationshipRowid: p(`SELECT rowid FROM relationships WHERE id = ?`).pluck(),
      deleteMergedInto: p(`DELETE FROM merged_ids WHERE into_id = ?`),
      insertMerged: p(`INSERT OR REPLACE INTO merged_ids (from_id, into_id) VALUES (?, ?)`),
    };
  }

  last(): number {
    return ((this.q.last.get() as [number, string] | undefined)?.[0]) ?? 0;
  }

  /** The last change committed at or before `instant`: times never decrease along the log. */
  at(instant: string): number {
    return (this.q.at.get(instant) as number | undefined) ?? 0;
  }

  /** Throws ConflictError unless the log ends with change `seq` (a graph folded through it is current). */
  checkLast(seq: number): void {
    const last = this.last();
    if (last !== seq) throw new ConflictError(`The change log ends at change ${last}, not ${seq}: the graph must be folded again.`);
  }

  /** Where the log ends, and the graph's version, as the transaction reads them. */
  private end(): LogEnd {
    const last = this.q.last.get() as [number, string] | undefined;
    return { seq: last?.[0] ?? 0, at: last?.[1] ?? null, graphVersion: (this.q.graphVersion.get() as string | undefined) ?? null };
  }

  /** One commit: reads, plan and writes in one IMMEDIATE transaction; the view reads on demand, so `work.reads` is not needed here. */
  commit(work: CommitWork): Committed {
    let wrote = false;
    const committed = this.db.transaction((): Committed => {
      const end = this.end();
      const planned = work.plan(new SqliteView(this, end));
      if ('replay' in planned) return { changes: planned.replay, replayed: true, entities: new Map(), relationships: new Map() };
      const plan = planCommit(end, planned, new Date().toISOString());
      this.execute(plan);
      wrote = plan.writes !== null;
      return {
        changes: plan.changes,
        replayed: false,
        entities: new Map((plan.writes?.putEntities ?? []).map((e) => [e.id, e])),
        relationships: new Map((plan.writes?.putRelationships ?? []).map((r) => [r.id, r])),
      };
    }).immediate();
    if (wrote) this.written();
    return committed;
  }

  private execute(plan: CommitPlan): void {
    for (const c of plan.changes) {
      this.q.insertChange.run(c.seq, c.at, c.actor, c.kind, c.dataset, c.reason, JSON.stringify(c.citations), JSON.stringify(c.op), c.requestKey?.key ?? null, c.requestKey?.digest ?? null);
      for (const t of c.targets) this.q.insertTarget.run(t.kind, t.id, c.seq, json(t.before), json(t.after));
    }
    for (const h of plan.heads) this.q.putHead.run(h.dataset, h.version, h.seq);
    if (plan.writes) this.write(plan.writes);
    if (plan.graphVersion !== null) this.q.setGraphVersion.run(plan.graphVersion);
  }

  /** Each dataset's last LOAD, by dataset. */
  heads(): DatasetHead[] {
    return (this.q.heads.all() as [string, string | null, number][]).map(([dataset, version, seq]) => ({ dataset, version, seq }));
  }

  /** For the view: reads inside the commit's transaction. */
  read = {
    entity: (id: string) => {
      const row = this.q.entity.get(id) as EntityRow | undefined;
      return row ? toEntity(row) : null;
    },
    relationship: (id: string) => {
      const row = this.q.relationship.get(id) as RelationshipRow | undefined;
      return row ? toRelationship(row) : null;
    },
    around: (id: string) => (this.q.around.all({ id }) as RelationshipRow[]).map(toRelationship),
    between: (a: string, b: string) => (this.q.between.all({ a, b }) as RelationshipRow[]).map(toRelationship),
    mergedInto: (id: string) => (this.q.mergedInto.get(id) as string | undefined) ?? null,
    documentText: (id: string) => {
      const op = this.q.documentText.get(id) as string | undefined;
      return op === undefined ? null : ((JSON.parse(op) as { text?: string | null }).text ?? null);
    },
    committed: (key: string) => (this.q.byKey.all(key) as ChangeRow[]).map((row) => toChange(row, [])),
    log: () => this.list({ targets: false }),
  };

  /** The plan's writes, its records stamped already. */
  private write(delta: GraphDelta): void {
    for (const id of delta.removeRelationships) {
      this.q.deleteRelationship.run(id);
      this.q.deleteCitations.run(1, id);
    }
    for (const id of delta.removeEntities) {
      const rowid = this.q.entityRowid.get(id) as number | undefined;
      if (rowid !== undefined) this.search.replace(rowid, null);
      this.q.deleteEntity.run(id);
      this.q.deleteCitations.run(0, id);
      this.q.deleteMergedInto.run(id);
    }
    for (const e of delta.putEntities) {
      this.q.upsertEntity.run(...entityValues(e));
      const rowid = this.q.entityRowid.get(e.id) as number;
      this.citations(0, e, rowid);
      this.q.deleteMergedInto.run(e.id);
      for (const from of e.record?.mergedFrom ?? []) this.q.insertMerged.run(from, e.id);
      this.search.replace(rowid, e);
    }
    for (const r of delta.putRelationships) {
      const values = relationshipValues(r);
      if (this.q.updateRelationship.run(...values.slice(1), values[0]).changes === 0) this.q.insertRelationship.run(...values);
      this.citations(1, r, this.q.relationshipRowid.get(r.id) as number);
    }
  }

  private citations(kind: 0 | 1, record: Entity | Relationship, rowid: number): void {
    this.q.deleteCitations.run(kind, record.id);
    this.q.insertCitations.run(kind, record.id, rowid, JSON.stringify(record.sources));
  }

  list(query: ChangeQuery): ChangeRecord[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const add = (sql: string, key: string, value: unknown) => {
      if (value === undefined) return;
      where.push(sql);
      params[key] = value;
    };
    add('c.seq > @after', 'after', query.after);
    add('c.seq < @before', 'before', query.before);
    add('c.seq <= @through', 'through', query.through);
    add('c.at >= @since', 'since', query.since);
    add('c.at <= @until', 'until', query.until);
    add('c.kind IN (SELECT value FROM json_each(@kinds))', 'kinds', query.kinds ? JSON.stringify(query.kinds) : undefined);
    if (query.target) {
      where.push('c.seq IN (SELECT t.seq FROM change_targets t WHERE t.kind = @targetKind AND t.id = @targetId)');
      params.targetKind = query.target.kind;
      params.targetId = query.target.id;
    }
    // Times never decrease along the log (commit), so by time is by number: with a time bound, the index on (at, seq) serves both.
    const direction = query.newestFirst ? 'DESC' : 'ASC';
    const order = query.since !== undefined || query.until !== undefined ? `c.at ${direction}, c.seq ${direction}` : `c.seq ${direction}`;
    const sql = `SELECT ${CHANGE_COLUMNS} FROM changes c
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} 
      ${query.first !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.first))}` : ''}`;
    const rows = this.db.prepare(sql).raw().all(params) as ChangeRow[];
    const targets = new Map<number, ChangeTarget[]>();
    if (query.targets !== false && rows.length) {
      for (const [seq, kind, id, before, after] of this.q.targets.all(JSON.stringify(rows.map((r) => r[0]))) as TargetRow[]) {
        if (query.target && (kind !== query.target.kind || id !== query.target.id)) continue;
        if (!targets.has(seq)) targets.set(seq, []);
        targets.get(seq)!.push({ kind: kind as ChangeTarget['kind'], id, before: parse(before), after: parse(after) });
      }
    }
    return rows.map((row) => toChange(row, targets.get(row[0]) ?? []));
  }
}

function toChange([seq, at, actor, kind, dataset, reason, citations, op, key, digest]: ChangeRow, targets: ChangeTarget[]): ChangeRecord {
  return {
    seq, at, actor, kind: kind as ChangeRecord['kind'], dataset, reason, citations: JSON.parse(citations), op: JSON.parse(op), targets,
    ...(key !== null ? { requestKey: { key, digest: digest ?? '' } } : {}),
  };
}

/** What a commit's transaction reads, each thing read once (a per-transaction cache, as a dataloader per request). */
class SqliteView implements TxView {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly changes: SqliteChanges, readonly end: LogEnd) {}

  private once<T>(key: string, read: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, read());
    return this.cache.get(key) as T;
  }

  entity(id: string): Entity | null { return this.once(`e:${id}`, () => this.changes.read.entity(id)); }
  relationship(id: string): Relationship | null { return this.once(`r:${id}`, () => this.changes.read.relationship(id)); }
  relationshipsOf(id: string): Relationship[] { return this.once(`o:${id}`, () => byId(this.changes.read.around(id))); }
  relationshipsBetween(a: string, b: string): Relationship[] { return this.once(`b:${a}\u0000${b}`, () => byId(this.changes.read.between(a, b))); }
  mergedInto(id: string): string | null { return this.once(`m:${id}`, () => this.changes.read.mergedInto(id)); }
  documentText(id: string): string | null { return this.once(`t:${id}`, () => this.changes.read.documentText(id)); }
  committed(key: string): ChangeRecord[] { return this.once(`k:${key}`, () => this.changes.read.committed(key)); }
  log(): ChangeRecord[] { return this.once('log', () => this.changes.read.log()); }
}

const byId = (list: Relationship[]) => list.sort((a, b) => compareIds(a.id, b.id));

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Entity | Relationship));
