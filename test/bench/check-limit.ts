/**
 * Self-check of the synthetic graph and the typed-array limit:
 *  1. the invariants a store relies on hold for every size;
 *  2. CompressedGraph answers what the embedded store answers (node and relationship counts,
 *     truncated, path length; the store is the reference): thoroughly on `small` (every hub,
 *     all 200 pairs, every core platform, at several bounds), at the benchmark's bounds on `medium`;
 *  3. the limit figures (Q4-Q6) on small, medium and large.
 *
 *   npx tsx test/bench/check-limit.ts [durationMs per query, default 2000]
 */
import { relationshipId } from '../../src/domain/model';
import { ENTITY_TYPES, RELATIONSHIP_TYPES, SYMMETRIC_TYPES } from '../../src/domain/vocabulary';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { BOUNDS } from './queries';
import { syntheticGraph, type GraphSize, type SyntheticGraph } from './synthetic-graph';
import { CompressedGraph, measureLimit } from './typed-array-limit';
import { canonical } from '../../src/domain/canonical';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

function invariantIssues(g: SyntheticGraph): string[] {
  const issues: string[] = [];
  const ids = new Set<string>();
  const entityTypes = new Set<string>(ENTITY_TYPES);
  const relationshipTypes = new Set<string>(RELATIONSHIP_TYPES);
  for (const e of g.entities) {
    if (ids.has(e.id)) issues.push(`duplicate entity ${e.id}`);
    ids.add(e.id);
    if (!SLUG.test(e.id)) issues.push(`bad slug ${e.id}`);
    if (!entityTypes.has(e.type)) issues.push(`bad entity type ${e.type}`);
    if (e.sources.some((s) => !ids.has(s.document) && s.document !== 'synthetic-doc')) issues.push(`bad citation on ${e.id}`);
  }
  const relIds = new Set<string>();
  for (const r of g.relationships) {
    if (r.id !== relationshipId(r.from, r.type, r.to)) issues.push(`bad relationship id ${r.id}`);
    if (relIds.has(r.id)) issues.push(`duplicate relationship ${r.id}`);
    relIds.add(r.id);
    if (r.from === r.to) issues.push(`self-loop ${r.id}`);
    if (!ids.has(r.from) || !ids.has(r.to)) issues.push(`dangling ${r.id}`);
    if (!relationshipTypes.has(r.type)) issues.push(`bad relationship type ${r.type}`);
    if (r.sources.some((s) => !ids.has(s.document))) issues.push(`bad citation on ${r.id}`);
  }
  for (const r of g.relationships) {
    if ((SYMMETRIC_TYPES as readonly string[]).includes(r.type) && relIds.has(relationshipId(r.to, r.type, r.from))) issues.push(`both ways ${r.id}`);
  }
  const { ids: pickIds, hubs, corePlatforms, pairs, searchTerms } = g.picks;
  for (const id of [...pickIds, ...hubs, ...corePlatforms, ...pairs.flat()]) if (!ids.has(id)) issues.push(`unknown pick ${id}`);
  if (pickIds.length !== 200 || hubs.length !== 5 || corePlatforms.length !== 5 || pairs.length !== 200 || searchTerms.length !== 50) {
    issues.push(`picks of the wrong size: ${pickIds.length}/${hubs.length}/${corePlatforms.length}/${pairs.length}/${searchTerms.length}`);
  }
  return issues;
}

/** Compares CompressedGraph with the embedded store on hubs, pairs, core platforms and some ids, at several bounds. */
async function compareWithStore(g: SyntheticGraph, c: CompressedGraph, thorough: boolean): Promise<{ checks: number; mismatches: string[]; truncated: number }> {
  const store = new SqliteStore(':memory:');
  await store.replaceGraph(g);
  const mismatches: string[] = [];
  let checks = 0;
  let truncated = 0;
  const same = (what: string, expected: unknown, actual: unknown) => {
    checks++;
    if (canonical(expected) !== canonical(actual)) mismatches.push(`${what}: store ${JSON.stringify(expected)}, limit ${JSON.stringify(actual)}`);
  };
  const neighbourhoodBounds = thorough ? ([[BOUNDS.neighbourhoodDepth, BOUNDS.nodeLimit], [1, 25], [2, 100], [3, 300]] as const) : ([[BOUNDS.neighbourhoodDepth, BOUNDS.nodeLimit]] as const);
  for (const id of [...g.picks.hubs, ...g.picks.ids.slice(0, thorough ? 20 : 5)]) {
    for (const [depth, limit] of neighbourhoodBounds) {
      const s = await store.neighbourhood(id, depth, { limit });
      const expected = { nodes: s.nodes.length, relationships: s.relationships.length, truncated: s.truncated };
      if (s.truncated) truncated++;
      same(`neighbourhood(${id}, ${depth}, ${limit})`, expected, c.neighbourhood(id, depth, limit));
    }
    // Not only the counts: the very nodes of a cut (the smallest ids of the last level).
    const s = await store.neighbourhood(id, 2, { limit: 100 });
    const nodes = s.nodes.map((e) => e.id).sort();
    c.neighbourhood(id, 2, 100);
    same(`neighbourhood(${id}, 2, 100) nodes`, nodes, c.visitedIds().sort());
  }
  for (const [from, to] of g.picks.pairs.slice(0, thorough ? 200 : 50)) {
    const p = await store.shortestPath(from, to, BOUNDS.pathMaxDepth, {});
    same(`shortestPath(${from}, ${to})`, p ? p.relationships.length : null, c.shortestPath(from, to, BOUNDS.pathMaxDepth));
  }
  const dependencyBounds = thorough ? ([[BOUNDS.dependencyDepth, BOUNDS.nodeLimit], [3, 20], [8, 200]] as const) : ([[BOUNDS.dependencyDepth, BOUNDS.nodeLimit], [3, 20]] as const);
  for (const id of [...g.picks.corePlatforms, ...g.picks.ids.slice(0, 10)]) {
    for (const direction of ['DOWNSTREAM', 'UPSTREAM'] as const) {
      for (const [depth, limit] of dependencyBounds) {
        const s = await store.dependencies(id, direction, depth, { limit });
        if (s.truncated) truncated++;
        same(`dependencies(${id}, ${direction}, ${depth}, ${limit})`, { nodes: s.nodes.length, truncated: s.truncated }, c.dependencies(id, direction, depth, limit));
      }
    }
  }
  await store.close();
  return { checks, mismatches, truncated };
}

function printFigures(size: GraphSize, figures: ReturnType<typeof measureLimit>): void {
  for (const [q, f] of Object.entries(figures)) {
    console.log(
      `  ${size.padEnd(6)} ${q}: ${Math.round(f.opsPerSec).toLocaleString('en-US').padStart(9)} ops/s  p50 ${f.p50Ms.toFixed(4)} ms  p99 ${f.p99Ms.toFixed(4)} ms  (${f.ops} ops)`,
    );
  }
}

async function main(): Promise<void> {
  const durationMs = Number(process.argv[2] ?? 2000);
  let failed = false;
  for (const size of ['small', 'medium', 'large'] as const) {
    let t = process.hrtime.bigint();
    const g = syntheticGraph(size);
    const generated = ms(t);
    const again = syntheticGraph(size);
    const deterministic =
      again.relationships.length === g.relationships.length &&
      again.relationships.every((r, i) => r.id === g.relationships[i]?.id) &&
      again.entities.every((e, i) => e.label === g.entities[i]?.label) &&
      JSON.stringify(again.picks) === JSON.stringify(g.picks);
    const issues = invariantIssues(g);
    t = process.hrtime.bigint();
    const c = CompressedGraph.from(g);
    const built = ms(t);
    console.log(
      `${size}: ${g.entities.length} entities, ${g.relationships.length} relationships; generated in ${generated.toFixed(0)} ms, ` +
        `compressed in ${built.toFixed(0)} ms (${(c.bytes / 1e6).toFixed(1)} MB of arrays); deterministic ${deterministic}; invariants ${issues.length ? issues.slice(0, 5).join('; ') : 'ok'}`,
    );
    if (!deterministic || issues.length) failed = true;

    const connected = g.picks.pairs.filter(([a, b]) => c.shortestPath(a, b, BOUNDS.pathMaxDepth) !== null).length;
    const q4 = g.picks.hubs.map((h) => c.neighbourhood(h, BOUNDS.neighbourhoodDepth, BOUNDS.nodeLimit));
    const q6 = g.picks.corePlatforms.map((p) => c.dependencies(p, 'DOWNSTREAM', BOUNDS.dependencyDepth, BOUNDS.nodeLimit));
    const q6Full = g.picks.corePlatforms.map((p) => c.dependencies(p, 'DOWNSTREAM', BOUNDS.dependencyDepth, 1e9).nodes);
    console.log(`  pairs connected within ${BOUNDS.pathMaxDepth}: ${connected}/${g.picks.pairs.length}`);
    console.log(`  Q4 hubs: ${q4.map((r) => `${r.nodes}n/${r.relationships}r${r.truncated ? ' truncated' : ''}`).join(', ')}`);
    console.log(`  Q6 cores: ${q6.map((r, i) => `${r.nodes}${r.truncated ? ` truncated (of ${q6Full[i]})` : ''}`).join(', ')}`);

    if (size !== 'large') {
      t = process.hrtime.bigint();
      const result = await compareWithStore(g, c, size === 'small');
      console.log(
        `  store check: ${result.checks} comparisons, ${result.truncated} truncated answers, ${result.mismatches.length} mismatches (${ms(t).toFixed(0)} ms)`,
      );
      for (const m of result.mismatches.slice(0, 10)) console.log(`    MISMATCH ${m}`);
      if (result.mismatches.length) failed = true;
    }
    printFigures(size, measureLimit(c, g.picks, durationMs));
  }
  if (failed) {
    console.log('FAILED');
    process.exit(1);
  }
  console.log('OK');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
