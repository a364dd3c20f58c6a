import type Database from 'better-sqlite3';
import { ConflictError, StaleGraphError } from '../../domain/errors';
import type { Entity, RecordInfo, Relationship } from '../../domain/model';
import { stamp } from '../../curation/graph-state';
import { graphVersionAt } from '../../curation/fold';
import type { ChangeRecord, ChangeTarget, GraphDelta, NewChange, Preconditions } from '../../curation/change';
import type { ChangeQuery } from '../store';
import type { SqliteSearch } from './sqlite-search';
import { entityValues, relationshipValues } from './sqlite-rows';

type ChangeRow = [seq: number, at: string, actor: string, kind: string, dataset: string, reason: string | null, citations: string, op: string];
type TargetRow = [seq: number, kind: string, id: string, before: string | null, after: string | null];

/**
 * The change log of the embedded store (tables in sqlite-schema.ts) and the writes of a
 * change to the graph tables: its row, each record written (with the search index and the
 * citations table kept in step), the merged ids, and the graph's version, in one IMMEDIATE
 * transaction after its preconditions are checked.
 */
export class SqliteChanges {
  private readonly q;

  constructor(private readonly db: Database.Database, private readonly search: SqliteSearch, private readonly written: () => void) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      last: p(`SELECT seq, at FROM changes ORDER BY seq DESC LIMIT 1`).raw(),
      at: p(`SELECT seq FROM changes WHERE at <= ? ORDER BY at DESC, seq DESC LIMIT 1`).pluck(),
      graphVersion: p(`SELECT value FROM meta WHERE key = 'graphVersion'`).pluck(),
      setGraphVersion: p(`INSERT INTO meta (key, value) VALUES ('graphVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      entityRecord: p(`SELECT record FROM entities WHERE id = ?`).pluck(),
      relationshipRecord: p(`SELECT record FROM relationships WHERE id = ?`).pluck(),
      insertChange: p(`INSERT INTO changes (seq, at, actor, kind, dataset, reason, citations, op) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
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

  commit(change: NewChange, delta: GraphDelta | null, pre: Preconditions): ChangeRecord {
    const record = this.db.transaction((): ChangeRecord => {
      const last = this.q.last.get() as [number, string] | undefined;
      const seq = (last?.[0] ?? 0) + 1;
      if (delta) {
        if (this.q.graphVersion.get() !== graphVersionAt(seq - 1)) {
          throw new StaleGraphError('The graph is being laid down again from the change log; the change was not made.');
        }
        this.check('ENTITY', pre.entities, this.q.entityRecord);
        this.check('RELATIONSHIP', pre.relationships, this.q.relationshipRecord);
      }
      const now = new Date().toISOString();
      const at = last && last[1] > now ? last[1] : now;
      this.q.insertChange.run(seq, at, change.actor, change.kind, change.dataset, change.reason, JSON.stringify(change.citations), JSON.stringify(change.op));
      for (const t of change.targets) this.q.insertTarget.run(t.kind, t.id, seq, json(t.before), json(t.after));
      if (delta) {
        this.write(delta, seq);
        this.q.setGraphVersion.run(graphVersionAt(seq));
      }
      return { ...change, seq, at };
    }).immediate();
    if (delta) this.written();
    return record;
  }

  private check(kind: 'ENTITY' | 'RELATIONSHIP', expected: Record<string, number | null>, read: Database.Statement): void {
    for (const [id, version] of Object.entries(expected)) {
      const row = read.get(id) as string | null | undefined;
      const found = row === undefined ? null : row === null ? 0 : (JSON.parse(row) as RecordInfo).version;
      if (found !== version) {
        throw new ConflictError(
          `${kind === 'ENTITY' ? 'Entity' : 'Relationship'} "${id}" changed meanwhile (version ${found ?? 'none'}, read ${version ?? 'none'}); nothing was written.`,
          'expectedVersion',
          found ?? 0,
        );
      }
    }
  }

  private write(delta: GraphDelta, seq: number): void {
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
    for (const e of delta.putEntities.map((x) => stamp(x, seq))) {
      this.q.upsertEntity.run(...entityValues(e));
      const rowid = this.q.entityRowid.get(e.id) as number;
      this.citations(0, e, rowid);
      this.q.deleteMergedInto.run(e.id);
      for (const from of e.record?.mergedFrom ?? []) this.q.insertMerged.run(from, e.id);
      this.search.replace(rowid, e);
    }
    for (const r of delta.putRelationships.map((x) => stamp(x, seq))) {
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
    const sql = `SELECT c.seq, c.at, c.actor, c.kind, c.dataset, c.reason, c.citations, c.op FROM changes c
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
    return rows.map(([seq, at, actor, kind, dataset, reason, citations, op]) => ({
      seq, at, actor, kind: kind as ChangeRecord['kind'], dataset, reason, citations: JSON.parse(citations), op: JSON.parse(op), targets: targets.get(seq) ?? [],
    }));
  }
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Entity | Relationship));
