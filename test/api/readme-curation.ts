import { parse, print, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import type { GraphStore } from '../../src/store/store';

/** The GraphQL operations of "A curator's first session" in docs/curation.md, in order. */
export function readmeCurationOperations(): string[] {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'curation.md'), 'utf8');
  const start = doc.indexOf("## A curator's first session");
  if (start < 0) throw new Error('docs/curation.md: no section "## A curator\'s first session"');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 10));
  const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => parse(b).definitions.map((d) => print(d as OperationDefinitionNode)));
}

/**
 * A curator as a new user: the documented session, operation by operation, against a fresh
 * store holding the seed, with an admin's token: every one answers without an error, and
 * each does what the documentation says.
 */
export function describeReadmeCuration(kind: string, open: () => Promise<GraphStore>): void {
  describe(`the curation session of docs/curation.md [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    beforeAll(async () => {
      store = await open();
      await ensureSeed(store, join(PROJECT_ROOT, 'seed'));
      app = createApp(store, { graphiql: false });
    });
    afterAll(() => store?.close());

    it('runs every operation of it, and each does what it says', async () => {
      const { secret } = await store.createToken({ name: 'alice', role: 'admin' });
      const [load] = await store.listChanges({ kinds: ['LOAD'], first: 1, targets: false });
      const answers: Record<string, any>[] = [];
      for (const operation of readmeCurationOperations()) {
        // The session's asOf is an instant before the reader's edits: here, the seed's load.
        const source = operation.replace(/asOf: "[^"]*"/, `asOf: "${load!.at}"`);
        const response = await app.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ query: source }),
        });
        const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
        expect({ source, errors: body.errors }).toEqual({ source, errors: undefined });
        answers.push(body.data!);
      }
      const all = Object.assign({}, ...answers);
      expect(all.addRelationship.relationship).toEqual({ id: 'brussels-data-hub.builds-on.fidus', modality: 'FACT' });
      expect(all.updateEntity.entity.label).toBe('paradigm.brussels');
      const merged = answers.find((a) => a.node?.mergedFrom)!.node;
      expect(merged).toMatchObject({ id: 'cirb', mergedFrom: ['centre-informatique-regional'] });
      expect(merged.names.map((n: { text: string }) => n.text)).toContain('Centre informatique régional');
      const history = answers.find((a) => a.node?.history)!.node.history.nodes.map((h: { change: { kind: string } }) => h.change.kind);
      expect(history).toEqual(['MERGE', 'UPDATE_ENTITY', 'LOAD']);
      const asOf = answers.find((a) => a.node?.label && a.node.relationships)!.node;
      expect(asOf.label).toBe('CIRB');
    });
  });
}
