import type { GraphStore } from '../../src/store/store';
import { query, serveSeed } from '../helpers/api';

type Failure = { message: string; extensions?: { code?: string; argument?: string; suggestions?: string[] } };

/** Ids as people type them: another case resolves, an unknown one answers NOT_FOUND with the closest ids. */
export function describeSuggestions(kind: string, open: () => Promise<GraphStore>): void {
  describe(`ids as typed [store: ${kind}]`, () => {
    const seeded = serveSeed(open);

    const failure = async (source: string) => {
      const { errors } = await query(seeded.app, source);
      expect(errors).toHaveLength(1);
      return errors![0] as Failure;
    };

    it('resolves ids that differ only in case, in every field that takes one', async () => {
      const { data, errors } = await query<{
        node: { id: string };
        neighbourhood: { nodes: { id: string }[] };
        dependencies: { nodes: { id: string }[] };
        shortestPath: { nodes: { id: string }[] };
      }>(seeded.app, `{
        node(id: "CIRB") { id }
        neighbourhood(id: "Cirb") { nodes { id } }
        dependencies(id: "FIDUS", direction: DOWNSTREAM) { nodes { id } }
        shortestPath(from: "CIRB", to: "Fidus") { nodes { id } }
      }`);
      expect(errors).toBeUndefined();
      expect(data!.node.id).toBe('cirb');
      expect(data!.neighbourhood.nodes[0]!.id).toBe('cirb');
      expect(data!.dependencies.nodes[0]!.id).toBe('fidus');
      expect(data!.shortestPath.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['cirb', 'fidus']));
    });

    it('answers node(id) of an unknown id with null and NOT_FOUND naming the closest ids', async () => {
      const { data, errors } = await query<{ node: null }>(seeded.app, '{ node(id: "fidsu") { id } }');
      expect(data).toEqual({ node: null });
      expect(errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
      expect((errors![0] as Failure).extensions!.suggestions![0]).toBe('fidus');
      expect(errors![0]!.message).toMatch(/"fidsu".*argument "id".*fidus/);
    });

    it('names the argument and the closest ids for a traversal from an unknown id', async () => {
      const neighbourhood = await failure('{ neighbourhood(id: "cirbb") { nodes { id } } }');
      expect(neighbourhood.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
      expect(neighbourhood.extensions!.suggestions![0]).toBe('cirb');
      expect(neighbourhood.extensions!.suggestions!.length).toBeLessThanOrEqual(5);
      const dependencies = await failure('{ dependencies(id: "Fidsu", direction: DOWNSTREAM) { nodes { id } } }');
      expect(dependencies.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id', suggestions: ['fidus'] });
      const to = await failure('{ shortestPath(from: "cirb", to: "fidsu") { nodes { id } } }');
      expect(to.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to', suggestions: ['fidus'] });
      const from = await failure('{ shortestPath(from: "cirbb", to: "fidus") { nodes { id } } }');
      expect(from.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
      expect(from.extensions!.suggestions![0]).toBe('cirb');
    });

    it('suggests from the words of a slug, and nothing when no name is close', async () => {
      const slug = await failure('{ node(id: "printemps-numerique") { id } }');
      expect(slug.extensions!.suggestions).toContain('printemps-du-numerique');
      const far = await failure('{ neighbourhood(id: "zzzyxq") { nodes { id } } }');
      expect(far.extensions).toEqual({ code: 'NOT_FOUND', argument: 'id', suggestions: [] });
      expect(far.message).toBe('No entity with id "zzzyxq" (argument "id"); no id is close to it.');
    });
  });
}
