import type { ChangeRecord } from '../../changes/change';
import { NotRead, type LogEnd, type ReadRequest, type TxView } from '../../changes/reads';
import { idForms } from '../../domain/id-rule';
import type { Entity, Relationship } from '../../domain/model';
import { compareIds } from '../../domain/order';
import { SYMMETRIC_TYPES } from '../../domain/vocabulary';
import type { CypherQueries } from './cypher-queries';
import { changesQuery, relationshipsInOrder, toChangeRecord } from './neo4j-change-rows';
import { toEntity, toRelationship, type EntityMap, type RelationshipMap } from './neo4j-rows';
import { rows, type Tx } from './neo4j-runner';

/**
 * What a commit's transaction has read, as its plan asks for it (src/changes/reads.ts): what
 * it has not read throws NotRead naming it, and `load` reads it, each kind of thing one
 * statement, all sent at once (one round trip), each thing read once per commit.
 */
export class Neo4jView implements TxView {
  end: LogEnd = { seq: 0, at: null, graphVersion: null };
  private readonly entities = new Map<string, Entity | null>();
  private readonly merged = new Map<string, string | null>();
  private readonly relationships = new Map<string, Relationship | null>();
  private readonly around = new Map<string, Relationship[]>();
  private readonly between = new Map<string, Relationship[]>();
  private readonly texts = new Map<string, string | null>();
  private readonly keys = new Map<string, ChangeRecord[]>();
  private wholeLog: ChangeRecord[] | undefined;

  /**
   * The first round trip of a commit: the lock and the log's end (change-begin.cypher), which
   * reads the entities and keys of `r` too, and the rest of `r` sent with it.
   */
  async begin(tx: Tx, queries: CypherQueries, r: ReadRequest): Promise<LogEnd> {
    const entityIds = this.entityIds(r);
    const keys = [...new Set(r.keys ?? [])];
    const [[row]] = await Promise.all([
      rows(tx, queries.text('change-begin'), { ids: entityIds, keys }),
      this.load(tx, queries, { ...r, entities: [], keys: [] }),
    ]);
    this.keepEntities((row?.entities ?? []) as Record<string, unknown>[]);
    for (const k of keys) this.keys.set(k, []);
    for (const changed of (row?.keyed ?? []) as Record<string, unknown>[]) this.keys.get(changed.key as string)!.push(toChangeRecord(changed));
    this.end = { seq: Number(row?.seq ?? 0), at: (row?.at as string | null | undefined) ?? null, graphVersion: (row?.graphVersion as string | null | undefined) ?? null };
    return this.end;
  }

  private entityIds(r: ReadRequest): string[] {
    return [...new Set((r.entities ?? []).flatMap(idForms))].filter((id) => !this.merged.has(id));
  }

  private keepEntities(found: Record<string, unknown>[]): void {
    for (const row of found) {
      const id = row.id as string;
      this.entities.set(id, row.entity ? toEntity(row.entity as EntityMap) : null);
      this.merged.set(id, (row.into as string | null) ?? null);
      if (row.target) this.entities.set(row.into as string, toEntity(row.target as EntityMap));
    }
  }

  async load(tx: Tx, queries: CypherQueries, r: ReadRequest): Promise<void> {
    const sent: Promise<void>[] = [];
    const read = (query: Parameters<CypherQueries['text']>[0], params: Record<string, unknown>, keep: (found: Record<string, unknown>[]) => void) =>
      sent.push(rows(tx, queries.text(query), params).then(keep));
    const entityIds = this.entityIds(r);
    if (entityIds.length) read('change-read-entities', { ids: entityIds }, (found) => this.keepEntities(found));
    const relationshipIds = [...new Set(r.relationships ?? [])].filter((id) => !this.relationships.has(id));
    if (relationshipIds.length) {
      read('get-relationships', { ids: relationshipIds }, (found) =>
        relationshipsInOrder(relationshipIds, found).forEach((rel, i) => this.relationships.set(relationshipIds[i]!, rel)));
    }
    const anchors = [...new Set(r.around ?? [])].filter((id) => !this.around.has(id));
    if (anchors.length) {
      read('relationships-of', { ids: anchors, types: null, direction: 'BOTH', symmetric: [...SYMMETRIC_TYPES], modalities: null, validAt: null }, (found) => {
        const lists = new Map<string, Relationship[]>(anchors.map((id) => [id, []]));
        for (const row of found) lists.get(row.anchor as string)!.push(toRelationship(row.relationship as RelationshipMap));
        for (const [id, list] of lists) this.around.set(id, byId(list));
        for (const list of lists.values()) for (const rel of list) this.relationships.set(rel.id, rel);
      });
    }
    const pairs = (r.between ?? []).filter(([a, b]) => !this.between.has(pair(a, b)));
    if (pairs.length) {
      read('change-read-between', { pairs: pairs.map(([a, b]) => [a, b]) }, (found) => {
        const lists = new Map<string, Relationship[]>(pairs.map(([a, b]) => [pair(a, b), []]));
        for (const row of found) lists.get(pair(row.a as string, row.b as string))!.push(toRelationship(row.relationship as RelationshipMap));
        for (const [key, list] of lists) this.between.set(key, byId(list));
        for (const list of lists.values()) for (const rel of list) this.relationships.set(rel.id, rel);
      });
    }
    const documents = [...new Set(r.texts ?? [])].filter((id) => !this.texts.has(id));
    if (documents.length) {
      read('change-read-texts', { ids: documents }, (found) => {
        for (const row of found) this.texts.set(row.id as string, typeof row.op === 'string' ? ((JSON.parse(row.op) as { text?: string | null }).text ?? null) : null);
      });
    }
    const keys = [...new Set(r.keys ?? [])].filter((k) => !this.keys.has(k));
    if (keys.length) {
      read('change-read-keys', { keys }, (found) => {
        for (const k of keys) this.keys.set(k, []);
        for (const row of found) this.keys.get(row.key as string)!.push(toChangeRecord(row));
      });
    }
    if (r.log && !this.wholeLog) {
      const { name, params } = changesQuery({ targets: false });
      read(name, params, (found) => {
        this.wholeLog = found.map(toChangeRecord).sort((a, b) => a.seq - b.seq);
      });
    }
    await Promise.all(sent);
  }

  entity(id: string): Entity | null {
    if (!this.entities.has(id)) throw new NotRead({ entities: [id] });
    return this.entities.get(id)!;
  }

  mergedInto(id: string): string | null {
    if (!this.merged.has(id)) throw new NotRead({ entities: [id] });
    return this.merged.get(id)!;
  }

  relationship(id: string): Relationship | null {
    if (this.relationships.has(id)) return this.relationships.get(id)!;
    throw new NotRead({ relationships: [id] });
  }

  relationshipsOf(id: string): Relationship[] {
    const list = this.around.get(id);
    if (!list) throw new NotRead({ around: [id] });
    return list;
  }

  relationshipsBetween(a: string, b: string): Relationship[] {
    const read = this.between.get(pair(a, b));
    if (read) return read;
    const around = this.around.get(a) ?? this.around.get(b);
    if (around) return around.filter((r) => (r.from === a && r.to === b) || (r.from === b && r.to === a));
    throw new NotRead({ between: [[a, b]] });
  }

  documentText(id: string): string | null {
    if (!this.texts.has(id)) throw new NotRead({ texts: [id] });
    return this.texts.get(id)!;
  }

  committed(key: string): ChangeRecord[] {
    const found = this.keys.get(key);
    if (!found) throw new NotRead({ keys: [key] });
    return found;
  }

  log(): ChangeRecord[] {
    if (!this.wholeLog) throw new NotRead({ log: true });
    return this.wholeLog;
  }
}

/** The key of a pair of entities, the same either way. */
const pair = (a: string, b: string) => (compareIds(a, b) <= 0 ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** A list by id, each relationship once. */
const byId = (list: Relationship[]) => [...new Map(list.map((r) => [r.id, r])).values()].sort((a, b) => compareIds(a.id, b.id));
