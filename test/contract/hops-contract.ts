import { NotFoundError } from '../../src/domain/errors';
import { relationshipId, type Entity, type GraphData, type Path, type Relationship, type Subgraph } from '../../src/domain/model';
import type { RelationshipType } from '../../src/domain/vocabulary';
import type { GraphStore } from '../../src/store/store';

const entity = (id: string): Entity => ({ id, type: 'Platform', category: null, label: `Entité ${id}`, names: [], status: null, inferred: {}, properties: {}, sources: [] });
const rel = (from: string, type: RelationshipType, to: string): Relationship => ({ id: relationshipId(from, type, to), type, from, to, properties: {}, sources: [] });

/**
 * A double diamond of dependencies, s <- {a, b} <- m <- {c, d} <- t (each arrow one
 * DEPENDS_ON, BUILDS_ON or INTEGRATES), a short cut s - x - t by two parallel
 * relationships (FUNDS and USES) then PART_OF, and a simple diamond p - {q1, q2} - r whose
 * relationships point every which way, so that the order of its two paths read from p
 * is not their order read from r back. Relationships are listed against their id order,
 * so that a store going by load order rather than id gets it wrong.
 */
export const diamonds: GraphData = {
  version: 'diamonds-1',
  entities: ['s', 'a', 'b', 'm', 'c', 'd', 't', 'x', 'p', 'q1', 'q2', 'r', 'iso'].map(entity),
  relationships: [
    rel('t', 'DEPENDS_ON', 'd'),
    rel('t', 'DEPENDS_ON', 'c'),
    rel('d', 'INTEGRATES', 'm'),
    rel('c', 'BUILDS_ON', 'm'),
    rel('m', 'DEPENDS_ON', 'b'),
    rel('m', 'DEPENDS_ON', 'a'),
    rel('b', 'DEPENDS_ON', 's'),
    rel('a', 'DEPENDS_ON', 's'),
    rel('x', 'PART_OF', 't'),
    rel('s', 'USES', 'x'),
    rel('s', 'FUNDS', 'x'),
    rel('r', 'USES', 'q2'),
    rel('q1', 'USES', 'r'),
    rel('q1', 'USES', 'p'),
    rel('p', 'USES', 'q2'),
  ],
};

/** Each node of a subgraph as `id distance via`, in the subgraph's order. */
const hops = (g: Subgraph) => g.nodes.map((n, i) => `${n.id} ${g.distances[i]} ${g.via[i] ?? '-'}`);
const pathIds = (paths: Path[]) => paths.map((p) => p.relationships.map((r) => r.id));
const nodeIds = (paths: Path[]) => paths.map((p) => p.nodes.map((n) => n.id));

/** Distances and via on walks, excludeTypes on every read, and every shortest path: on any GraphStore. */
export function describeHopsContract(kind: string, open: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: hops, excluded types and all shortest paths [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
      await store.replaceGraph(diamonds);
    });
    afterAll(async () => store && (await store.close()));

    describe('hop distances and via', () => {
      it('gives each node of a neighbourhood its distance and the first relationship by id that reached it', async () => {
        const g = await store.neighbourhood('s', 2, { limit: 100 });
        expect(hops(g)).toEqual([
          's 0 -',
          'a 1 a.depends-on.s',
          'b 1 b.depends-on.s',
          'x 1 s.funds.x',
          'm 2 m.depends-on.a',
          't 2 x.part-of.t',
        ]);
        const relationshipIds = new Set(g.relationships.map((r) => r.id));
        expect(g.via.every((v) => v === null || relationshipIds.has(v))).toBe(true);
      });

      it('keeps distances and via parallel to the nodes a limit cuts', async () => {
        const g = await store.neighbourhood('s', 2, { limit: 3 });
        expect(g.truncated).toBe(true);
        expect(hops(g)).toEqual(['s 0 -', 'a 1 a.depends-on.s', 'b 1 b.depends-on.s']);
      });

      it('gives each dependant, downstream and upstream, its hop and the relationship that reached it', async () => {
        const down = await store.dependencies('s', 'DOWNSTREAM', 5, { limit: 100 });
        expect(hops(down)).toEqual([
          's 0 -',
          'a 1 a.depends-on.s',
          'b 1 b.depends-on.s',
          'm 2 m.depends-on.a',
          'c 3 c.builds-on.m',
          'd 3 d.integrates.m',
          't 4 t.depends-on.c',
        ]);
        const up = await store.dependencies('t', 'UPSTREAM', 5, { limit: 100 });
        expect(hops(up)).toEqual([
          't 0 -',
          'c 1 t.depends-on.c',
          'd 1 t.depends-on.d',
          'm 2 c.builds-on.m',
          'a 3 m.depends-on.a',
          'b 3 m.depends-on.b',
          's 4 a.depends-on.s',
        ]);
      });

      it('gives a lone start distance 0 and no via', async () => {
        const g = await store.neighbourhood('iso', 2, { limit: 10 });
        expect(hops(g)).toEqual(['iso 0 -']);
      });
    });

    describe('excluded types', () => {
      it('neither follows nor returns them in a neighbourhood', async () => {
        const g = await store.neighbourhood('s', 2, { limit: 100, excludeTypes: ['FUNDS'] });
        expect(hops(g)).toContain('x 1 s.uses.x');
        expect(g.relationships.map((r) => r.type)).not.toContain('FUNDS');
        const without = await store.neighbourhood('s', 2, { limit: 100, excludeTypes: ['FUNDS', 'USES'] });
        expect(hops(without)).toEqual(['s 0 -', 'a 1 a.depends-on.s', 'b 1 b.depends-on.s', 'm 2 m.depends-on.a']);
        const both = await store.neighbourhood('s', 1, { limit: 100, types: ['DEPENDS_ON', 'USES'], excludeTypes: ['USES'] });
        expect(both.nodes.map((n) => n.id)).toEqual(['s', 'a', 'b']);
      });

      it('leaves them out of relationshipsOf, even when `types` names them', async () => {
        const [all] = await store.relationshipsOf(['s'], { direction: 'BOTH', excludeTypes: ['DEPENDS_ON'] });
        expect(all!.map((r) => r.id)).toEqual(['s.funds.x', 's.uses.x']);
        const [some] = await store.relationshipsOf(['s'], { direction: 'BOTH', types: ['DEPENDS_ON', 'USES'], excludeTypes: ['USES'] });
        expect(some!.map((r) => r.id)).toEqual(['a.depends-on.s', 'b.depends-on.s']);
      });

      it('leaves them out of dependencies and shortest paths', async () => {
        const down = await store.dependencies('s', 'DOWNSTREAM', 5, { limit: 100, excludeTypes: ['BUILDS_ON'] });
        expect(hops(down)).toEqual(['s 0 -', 'a 1 a.depends-on.s', 'b 1 b.depends-on.s', 'm 2 m.depends-on.a', 'd 3 d.integrates.m', 't 4 t.depends-on.d']);
        const path = await store.shortestPath('s', 't', 6, { excludeTypes: ['PART_OF'] });
        expect(path?.relationships).toHaveLength(4);
        expect(await store.shortestPath('s', 't', 6, { excludeTypes: ['PART_OF', 'DEPENDS_ON'] })).toBeNull();
      });
    });

    describe('all shortest paths', () => {
      it('returns every shortest path, parallel relationships making two, ordered by their ids read from the start', async () => {
        const paths = await store.shortestPaths('s', 't', 6, 10, {});
        expect(pathIds(paths)).toEqual([
          ['s.funds.x', 'x.part-of.t'],
          ['s.uses.x', 'x.part-of.t'],
        ]);
        expect(nodeIds(paths)).toEqual([['s', 'x', 't'], ['s', 'x', 't']]);
        const back = await store.shortestPaths('t', 's', 6, 10, {});
        expect(pathIds(back)).toEqual([
          ['x.part-of.t', 's.funds.x'],
          ['x.part-of.t', 's.uses.x'],
        ]);
      });

      it('walks both halves of a double diamond in order', async () => {
        const paths = await store.shortestPaths('s', 't', 6, 10, { excludeTypes: ['PART_OF'] });
        expect(pathIds(paths)).toEqual([
          ['a.depends-on.s', 'm.depends-on.a', 'c.builds-on.m', 't.depends-on.c'],
          ['a.depends-on.s', 'm.depends-on.a', 'd.integrates.m', 't.depends-on.d'],
          ['b.depends-on.s', 'm.depends-on.b', 'c.builds-on.m', 't.depends-on.c'],
          ['b.depends-on.s', 'm.depends-on.b', 'd.integrates.m', 't.depends-on.d'],
        ]);
        expect(nodeIds(paths)).toEqual([
          ['s', 'a', 'm', 'c', 't'],
          ['s', 'a', 'm', 'd', 't'],
          ['s', 'b', 'm', 'c', 't'],
          ['s', 'b', 'm', 'd', 't'],
        ]);
        const fromT = await store.shortestPaths('t', 's', 6, 10, { types: ['DEPENDS_ON', 'BUILDS_ON', 'INTEGRATES'] });
        expect(pathIds(fromT)[0]).toEqual(['t.depends-on.c', 'c.builds-on.m', 'm.depends-on.a', 'a.depends-on.s']);
        expect(fromT).toHaveLength(4);
      });

      it('orders a diamond\'s paths from the start, which is not the order read from the end back', async () => {
        const paths = await store.shortestPaths('p', 'r', 6, 10, {});
        expect(pathIds(paths)).toEqual([
          ['p.uses.q2', 'r.uses.q2'],
          ['q1.uses.p', 'q1.uses.r'],
        ]);
        expect(nodeIds(paths)).toEqual([['p', 'q2', 'r'], ['p', 'q1', 'r']]);
        // The one shortest path is the first read from `to` back.
        expect((await store.shortestPath('p', 'r', 6, {}))!.relationships.map((r) => r.id)).toEqual(['q1.uses.p', 'q1.uses.r']);
      });

      it('returns at most `first`, the first ones in that order', async () => {
        const paths = await store.shortestPaths('s', 't', 6, 3, { excludeTypes: ['PART_OF'] });
        expect(pathIds(paths).map((p) => p[0] + ' ' + p[2])).toEqual([
          'a.depends-on.s c.builds-on.m',
          'a.depends-on.s d.integrates.m',
          'b.depends-on.s c.builds-on.m',
        ]);
        expect(await store.shortestPaths('s', 't', 6, 1, {})).toHaveLength(1);
      });

      it('is [] beyond maxDepth and between unconnected entities, one path of no hop to itself, NotFound for an unknown end', async () => {
        expect(await store.shortestPaths('s', 't', 3, 10, { excludeTypes: ['PART_OF'] })).toEqual([]);
        expect(await store.shortestPaths('s', 't', 1, 10, {})).toEqual([]);
        expect(await store.shortestPaths('s', 'iso', 6, 10, {})).toEqual([]);
        const self = await store.shortestPaths('s', 's', 6, 10, {});
        expect(nodeIds(self)).toEqual([['s']]);
        expect(self[0]!.relationships).toEqual([]);
        await expect(store.shortestPaths('nope', 's', 6, 10, {})).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.shortestPaths('s', 'nope', 6, 10, {})).rejects.toBeInstanceOf(NotFoundError);
      });

      it('keeps to the modalities asked', async () => {
        expect(await store.shortestPaths('s', 't', 6, 10, { modalities: ['PLANNED'] })).toEqual([]);
        expect(await store.shortestPaths('s', 't', 6, 10, { modalities: ['FACT'] })).toHaveLength(2);
      });
    });
  });
}
