import type { GraphData, Relationship } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/store';

/**
 * Which of `candidates` a store holds, read through the store's own API, and everything that
 * keeps it from holding that graph whole: every entity (by id, type and name), every
 * relationship (by id, with both ends present), the counts and the version.
 */
export async function wholeGraph(store: GraphStore, candidates: GraphData[]): Promise<{ holds: string | null; problems: string[] }> {
  const problems: string[] = [];
  const version = await store.graphVersion();
  const stats = await store.stats();
  const expected = candidates.find((g) => g.version === version);
  if (!expected) return { holds: version, problems: [`version ${JSON.stringify(version)} is none of ${candidates.map((g) => g.version).join(', ')}`] };
  if (stats.entities !== expected.entities.length || stats.relationships !== expected.relationships.length) {
    problems.push(`counts ${stats.entities}/${stats.relationships}, expected ${expected.entities.length}/${expected.relationships.length} for ${version}`);
  }

  // Every entity, page by page.
  const held = new Map<string, { type: string; label: string }>();
  for (let after: string | undefined; ; ) {
    const page = await store.listEntities({ first: 100, after });
    for (const e of page.entities) held.set(e.id, { type: e.type, label: e.label });
    if (!page.hasMore || page.entities.length === 0) break;
    after = page.entities[page.entities.length - 1]!.id;
  }
  let wrongEntities = 0;
  for (const e of expected.entities) {
    const h = held.get(e.id);
    if (!h || h.type !== e.type || h.label !== e.label) wrongEntities++;
  }
  if (wrongEntities || held.size !== expected.entities.length) problems.push(`${wrongEntities} entities missing or different, ${held.size} held, ${expected.entities.length} expected`);

  // Every relationship, read from its entities; both ends must be entities the store holds.
  const rels = new Map<string, Relationship>();
  const ids = [...held.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    for (const list of await store.relationshipsOf(ids.slice(i, i + 500), { direction: 'OUT' })) for (const r of list) rels.set(r.id, r);
  }
  const dangling = [...rels.values()].filter((r) => !held.has(r.from) || !held.has(r.to)).length;
  if (dangling) problems.push(`${dangling} relationships with an end the store does not hold`);
  const want = new Set(expected.relationships.map((r) => r.id));
  const missing = [...want].filter((id) => !rels.has(id)).length;
  const extra = [...rels.keys()].filter((id) => !want.has(id)).length;
  if (missing || extra) problems.push(`${missing} relationships missing, ${extra} not in ${version}`);
  return { holds: version, problems };
}
