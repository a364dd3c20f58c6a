import { join } from 'node:path';
import { createApp, type App } from '../../src/http/app';
import { createChangeFeed, type ChangeFeed } from '../../src/feed/change-feed';
import { PROJECT_ROOT } from '../../src/paths';
import { ensureSeed } from '../../src/seed/ensure-seed';
import type { GraphStore } from '../../src/store/store';

/** A text registered with addDocument: the quotes below are in it, verbatim (one line break aside). */
const TEXT = `Communiqué de presse. Le CIRB devient officiellement paradigm.brussels.
Le centre informatique régional change de nom et lance la plateforme
Brussels Data Hub, qui s'appuie sur Fidus pour échanger les données.`;

const ADD_DOCUMENT = `mutation($input: AddDocumentInput!) { addDocument(input: $input) { change { seq kind by } entity { id type label ... on Document { citationLabel } } } }`;
const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { change { seq kind by reason citations { quote document { id } } targets { kind id before after } } entity { id label version datasets sources { quote } } } }`;
const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { change { seq } entity { id label version datasets } } }`;
const ADD_REL = `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { change { seq } relationship { id type modality version datasets from { id } to { id } } } }`;
const MERGE = `mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { change { seq kind } entity { id mergedFrom } } }`;
const UNMERGE = `mutation($input: UnmergeEntitiesInput!) { unmergeEntities(input: $input) { change { seq kind } restored { id label } survivor { id } } }`;
const RETRACT = `mutation($input: RetractInput!) { retract(input: $input) { change { seq targets { kind id } } } }`;

interface Answer { data?: any; errors?: { message: string; extensions?: { code?: string; argument?: string; [k: string]: unknown } }[] }

/**
 * Curation through the API, as a curator does it from the README: tokens, a document and its
 * text, edits citing it, refusals, a correction, a merge and its undoing, the history, the
 * graph as it was, the live feed, and hostile writes that change nothing. On every store.
 */
export function describeCuration(kind: string, open: () => Promise<GraphStore>): void {
  describe(`curation through the API [store: ${kind}]`, () => {
    let store: GraphStore;
    let app: App;
    let feed: ChangeFeed;
    let editor: string;
    let admin: string;
    const doc = 'communique-paradigm-2021';
    const cite = (quote: string) => [{ document: doc, quote, section: 'body' }];

    const call = async (source: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<Answer> => {
      const response = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query: source, variables }),
      });
      return (await response.json()) as Answer;
    };
    const ok = async (source: string, variables: Record<string, unknown>, token: string) => {
      const answer = await call(source, variables, token);
      expect(answer.errors).toBeUndefined();
      return answer.data;
    };
    const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
    const lastSeq = async () => (await store.lastChange());

    beforeAll(async () => {
      store = await open();
      await ensureSeed(store, join(PROJECT_ROOT, 'seed'), {});
      feed = createChangeFeed({});
      app = createApp(store, { graphiql: false, feed });
      editor = (await store.createToken({ name: 'curator', role: 'editor' })).secret;
      admin = (await store.createToken({ name: 'chief', role: 'admin' })).secret;
    });
    afterAll(async () => {
      await feed?.close();
      await store?.close();
    });

    it('refuses a mutation without a token (UNAUTHENTICATED) and a merge to an editor (FORBIDDEN), writing nothing', async () => {
      const before = await lastSeq();
      expect(code(await call(ADD_DOCUMENT, { input: { kind: 'press-release', label: 'x', title: 'x', language: 'fr', reason: 'r' } }))).toBe('UNAUTHENTICATED');
      expect(code(await call(MERGE, { input: { into: 'cirb', from: 'fidus', reason: 'r' } }, editor))).toBe('FORBIDDEN');
      expect(await lastSeq()).toBe(before);
    });

    it('registers a document with its text, then adds an entity citing it; a quote not in the text is refused, named', async () => {
      const added = await ok(ADD_DOCUMENT, { input: { id: doc, kind: 'press-release', label: 'Communiqué paradigm (2021)', title: 'Le CIRB devient paradigm.brussels', language: 'fr', date: { date: '2021-03' }, author: 'CIRB', text: TEXT, reason: 'a new source on the CIRB' } }, editor);
      expect(added.addDocument).toMatchObject({ change: { kind: 'ADD_DOCUMENT', by: 'curator' }, entity: { id: doc, type: 'Document', citationLabel: 'Communiqué paradigm (2021)' } });
      const before = await lastSeq();
      const refused = await call(CREATE, { input: { id: 'brussels-data-hub', type: 'Platform', label: 'Brussels Data Hub', citations: cite('la plateforme Brussels Data Hub, financée par la Région'), reason: 'new platform' } }, editor);
      expect(code(refused)).toBe('QUOTE_NOT_FOUND');
      expect(refused.errors![0]!.extensions!.argument).toBe('input.citations[0].quote');
      expect(refused.errors![0]!.message).toContain('financée par la Région');
      expect(await lastSeq()).toBe(before);
      const created = await ok(CREATE, { input: { id: 'brussels-data-hub', type: 'Platform', label: 'Brussels Data Hub', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'a platform the press release announces' } }, editor);
      expect(created.createEntity.entity).toMatchObject({ id: 'brussels-data-hub', label: 'Brussels Data Hub', datasets: ['curation'], sources: [{ quote: 'lance la plateforme Brussels Data Hub' }] });
      expect(created.createEntity.change).toMatchObject({ kind: 'CREATE_ENTITY', by: 'curator', reason: 'a platform the press release announces', citations: [{ document: { id: doc } }] });
      expect(created.createEntity.change.targets[0]).toMatchObject({ kind: 'ENTITY', id: 'brussels-data-hub', before: null });
      const rel = await ok(ADD_REL, { input: { type: 'BUILDS_ON', from: 'brussels-data-hub', to: 'FIDUS', citations: cite("qui s'appuie sur Fidus pour échanger les données"), reason: 'dependency stated' } }, editor);
      expect(rel.addRelationship.relationship).toMatchObject({ id: 'brussels-data-hub.builds-on.fidus', modality: 'FACT', datasets: ['curation'], from: { id: 'brussels-data-hub' }, to: { id: 'fidus' } });
      const down = await ok(`{ dependencies(id: "fidus", direction: DOWNSTREAM) { nodes { id } } }`, {}, editor);
      expect(down.dependencies.nodes.map((n: { id: string }) => n.id)).toContain('brussels-data-hub');
    });

    it('corrects a fact at the version read; a stale version is CONFLICT and changes nothing', async () => {
      const { node } = await ok(`{ node(id: "cirb") { label version datasets } }`, {}, editor);
      expect(node.datasets).toEqual(['question-412-smart-city-2020']);
      const fixed = await ok(UPDATE, { input: { id: 'cirb', expectedVersion: node.version, label: 'paradigm.brussels', citations: cite('Le CIRB devient officiellement paradigm.brussels'), reason: 'the CIRB was renamed' } }, editor);
      expect(fixed.updateEntity.entity).toMatchObject({ label: 'paradigm.brussels', datasets: ['curation', 'question-412-smart-city-2020'] });
      expect(fixed.updateEntity.entity.version).toBe(fixed.updateEntity.change.seq);
      const before = await lastSeq();
      const stale = await call(UPDATE, { input: { id: 'cirb', expectedVersion: node.version, label: 'Stale', citations: cite('Le CIRB devient officiellement paradigm.brussels'), reason: 'late' } }, editor);
      expect(code(stale)).toBe('CONFLICT');
      expect(await lastSeq()).toBe(before);
      expect((await ok(`{ node(id: "cirb") { label } }`, {}, editor)).node.label).toBe('paradigm.brussels');
    });

    it('merges two entities: the old id answers the survivor, with mergedFrom; unmerge gives both back', async () => {
      await ok(CREATE, { input: { id: 'centre-informatique-regional', type: 'Organisation', label: 'Centre informatique régional', citations: cite('Le centre informatique régional change de nom'), reason: 'as the press release names it' } }, editor);
      const merged = await ok(MERGE, { input: { into: 'cirb', from: 'centre-informatique-regional', reason: 'the same body' } }, admin);
      expect(merged.mergeEntities.entity).toMatchObject({ id: 'cirb', mergedFrom: ['centre-informatique-regional'] });
      const { node } = await ok(`{ node(id: "centre-informatique-regional") { id mergedFrom names { text } } }`, {}, editor);
      expect(node.id).toBe('cirb');
      expect(node.names.map((n: { text: string }) => n.text)).toContain('Centre informatique régional');
      expect(code(await call(MERGE, { input: { into: 'cirb', from: 'cirb', reason: 'r' } }, admin))).toBe('CONFLICT');
      expect(code(await call(MERGE, { input: { into: 'centre-informatique-regional', from: 'cirb', reason: 'a cycle' } }, admin))).toBe('CONFLICT');
      const undone = await ok(UNMERGE, { input: { id: 'centre-informatique-regional', reason: 'not the same after all' } }, admin);
      expect(undone.unmergeEntities).toMatchObject({ change: { kind: 'UNMERGE' }, restored: { id: 'centre-informatique-regional', label: 'Centre informatique régional' }, survivor: { id: 'cirb' } });
      expect((await ok(`{ node(id: "cirb") { mergedFrom label } }`, {}, editor)).node).toEqual({ mergedFrom: [], label: 'paradigm.brussels' });
    });

    it('shows all of it in the history, newest first, and in the log, resumable from a cursor', async () => {
      const { node } = await ok(`{ node(id: "cirb") { history(first: 10) { nodes { change { kind by reason dataset } before after } } } }`, {}, editor);
      const kinds = node.history.nodes.map((h: { change: { kind: string } }) => h.change.kind);
      expect(kinds).toEqual(['UNMERGE', 'MERGE', 'UPDATE_ENTITY', 'LOAD']);
      expect(node.history.nodes[2]).toMatchObject({ change: { by: 'curator', reason: 'the CIRB was renamed', dataset: 'curation' }, before: { label: 'CIRB' }, after: { label: 'paradigm.brussels' } });
      expect(node.history.nodes[3].change).toMatchObject({ kind: 'LOAD', by: 'seed', dataset: 'question-412-smart-city-2020' });
      const page1 = await ok(`{ changes(first: 2) { nodes { seq kind } pageInfo { endCursor hasNextPage } } }`, {}, editor);
      expect(page1.changes.nodes.map((c: { seq: number }) => c.seq)).toEqual([1, 2]);
      const page2 = await ok(`query($after: String) { changes(first: 100, after: $after) { nodes { seq } pageInfo { hasNextPage } } }`, { after: page1.changes.pageInfo.endCursor }, editor);
      expect(page2.changes.nodes[0].seq).toBe(3);
      expect(page2.changes.nodes.at(-1).seq).toBe(await lastSeq());
      const sets = await ok(`{ datasets { name lastChange { kind } } }`, {}, editor);
      expect(sets.datasets).toEqual([{ name: 'question-412-smart-city-2020', lastChange: { kind: 'LOAD' } }, { name: 'curation', lastChange: { kind: 'UNMERGE' } }]);
    });

    it('answers asOf from the graph as it stood then, nested fields included', async () => {
      const [load] = await store.listChanges({ kinds: ['LOAD'], first: 1, targets: false });
      const then = load!.at;
      const answer = await ok(`query($t: DateTime) {
        before: node(id: "cirb", asOf: $t) { label version relationships(types: [BUILDS_ON]) { id } history { nodes { change { kind } } } }
        now: node(id: "cirb") { label }
        fidus: dependencies(id: "fidus", direction: DOWNSTREAM, asOf: $t) { nodes { id } }
        search(text: "Brussels Data Hub", asOf: $t) { entity { id } }
      }`, { t: then }, editor);
      expect(answer.before.label).toBe('CIRB');
      expect(answer.before.history.nodes.map((h: { change: { kind: string } }) => h.change.kind)).toEqual(['LOAD']);
      expect(answer.now.label).toBe('paradigm.brussels');
      expect(answer.fidus.nodes.map((n: { id: string }) => n.id)).not.toContain('brussels-data-hub');
      expect(answer.search.map((h: { entity: { id: string } }) => h.entity.id)).not.toContain('brussels-data-hub');
      const gone = await call(`query($t: DateTime) { node(id: "brussels-data-hub", asOf: $t) { id } }`, { t: then }, editor);
      expect(code(gone)).toBe('NOT_FOUND');
      const literal = await call(`{ node(id: "cirb", asOf: "yesterday") { id } }`, {}, editor);
      expect(code(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(literal.errors![0]!.message).toContain('DateTime');
      expect(code(await call(`query($t: DateTime) { node(id: "cirb", asOf: $t) { id } }`, { t: 'yesterday' }, editor))).toBe('BAD_USER_INPUT');
    });

    it('streams each committed change to subscribers over server-sent events', async () => {
      const controller = new AbortController();
      const response = await app.fetch('http://test/graphql?query=' + encodeURIComponent('subscription { changes { seq kind by } }'), { headers: { accept: 'text/event-stream' }, signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      const done = ok(RETRACT, { input: { id: 'brussels-data-hub.builds-on.fidus', reason: 'test of the feed' } }, editor);
      let text = '';
      while (!text.includes('"kind":"RETRACT"')) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        text += new TextDecoder().decode(value);
      }
      const seq = (await done).retract.change.seq;
      expect(text).toContain(`"seq":${seq}`);
      expect(text).toContain('"by":"curator"');
      controller.abort();
    });

    it('says when an entity asked for was retracted, and by which change', async () => {
      await ok(CREATE, { input: { id: 'short-lived', type: 'Principle', label: 'Short-lived', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'to retract' } }, editor);
      const { retract } = await ok(RETRACT, { input: { id: 'short-lived', reason: 'the text does not state it' } }, editor);
      const answer = await call(`{ node(id: "short-lived") { id } }`);
      expect(code(answer)).toBe('NOT_FOUND');
      expect(answer.errors![0]!.message).toContain(`retracted by change ${retract.change.seq}`);
      expect(answer.errors![0]!.message).toContain('the text does not state it');
    });

    it('refuses hostile writes with a named client error and writes nothing', async () => {
      const before = await lastSeq();
      const cases: [string, Record<string, unknown>, string, string?][] = [
        [CREATE, { input: { type: 'Platform', label: 'X', citations: [{ document: 'no-such-doc', quote: 'abc' }], reason: 'r' } }, 'NOT_FOUND', 'input.citations[0].document'],
        [CREATE, { input: { id: "x') DETACH DELETE n //", type: 'Platform', label: 'X', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'BAD_USER_INPUT', 'input.id'],
        [CREATE, { input: { type: 'Platform', label: 'X'.repeat(49), citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'BAD_USER_INPUT', 'input.label'],
        [CREATE, { input: { type: 'Platform', label: 'Y', citations: [], reason: 'r' } }, 'BAD_USER_INPUT', 'input.citations'],
        [CREATE, { input: { type: 'Platform', label: 'Y', citations: cite('lance la plateforme Brussels Data Hub'), reason: ' ' } }, 'BAD_USER_INPUT', 'input.reason'],
        [CREATE, { input: { type: 'Platform', label: 'Y', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r'.repeat(5000) } }, 'BAD_USER_INPUT', 'input.reason'],
        [CREATE, { input: { type: 'Platform', label: 'Y', properties: { 'a b': 1 }, citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'BAD_USER_INPUT'],
        [UPDATE, { input: { id: 'no-such-entity', label: 'Z', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'NOT_FOUND', 'input.id'],
        [ADD_REL, { input: { type: 'USES', from: 'cirb', to: 'cirb', citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'BAD_USER_INPUT', 'input.to'],
        [ADD_REL, { input: { type: 'USES', from: 'cirb', to: 'fidus', start: { date: '2020-13' }, citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, 'BAD_USER_INPUT', 'input.start.date'],
        [ADD_DOCUMENT, { input: { id: doc, kind: 'press-release', label: 'Again', title: 't', language: 'fr', reason: 'r' } }, 'CONFLICT'],
        [ADD_DOCUMENT, { input: { kind: 'press-release', label: 'Bad language', title: 't', language: 'xx-evil', reason: 'r' } }, 'BAD_USER_INPUT', 'input.language'],
      ];
      for (const [source, variables, expected, argument] of cases) {
        const answer = await call(source, variables, admin);
        expect({ input: variables, code: code(answer) }).toEqual({ input: variables, code: expected });
        if (argument) expect(answer.errors![0]!.extensions!.argument).toBe(argument);
      }
      // An injection string where a label may hold anything is only text.
      const label = "'); MATCH (n) DETACH DELETE n; --";
      const made = await ok(CREATE, { input: { id: 'injection-test', type: 'Principle', label, citations: cite('lance la plateforme Brussels Data Hub'), reason: 'r' } }, editor);
      expect(made.createEntity.entity.label).toBe(label);
      expect((await store.stats()).entities).toBeGreaterThan(90);
      expect(await lastSeq()).toBe(before + 1);
    });

    it('accepts mutations only as a JSON POST or with the CSRF header', async () => {
      const before = await lastSeq();
      const source = `mutation { retract(input: { id: "injection-test", reason: "cleanup" }) { change { seq } } }`;
      const forged = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql', authorization: `Bearer ${editor}` }, body: source });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as Answer).errors![0]!.extensions!.code).toBe('CSRF_REFUSED');
      expect(await lastSeq()).toBe(before);
      const allowed = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql', 'x-graphql-csrf': '1', authorization: `Bearer ${editor}` }, body: source });
      expect(((await allowed.json()) as Answer).errors).toBeUndefined();
      expect(await lastSeq()).toBe(before + 1);
    });

    const BATCH = `mutation($input: ApplyChangesInput!) { applyChanges(input: $input) { changes { seq kind reason } entities { id label version } relationships { id version } } }`;

    it('applies a batch in one transaction: each operation its own change, later ones naming what earlier ones made', async () => {
      const before = await lastSeq();
      const { applyChanges } = await ok(BATCH, { input: {
        reason: 'a reviewed batch of the press release', citations: cite('lance la plateforme Brussels Data Hub'),
        operations: [
          { createEntity: { id: 'data-hub-team', type: 'Organisation', label: 'Data Hub Team' } },
          { addRelationship: { type: 'OPERATES', from: 'data-hub-team', to: 'brussels-data-hub' } },
          { updateEntity: { id: 'data-hub-team', properties: { size: 3 }, reason: 'its size' } },
        ],
      } }, editor);
      expect(applyChanges.changes).toEqual([
        { seq: before + 1, kind: 'CREATE_ENTITY', reason: 'a reviewed batch of the press release' },
        { seq: before + 2, kind: 'ADD_RELATIONSHIP', reason: 'a reviewed batch of the press release' },
        { seq: before + 3, kind: 'UPDATE_ENTITY', reason: 'its size' },
      ]);
      expect(applyChanges.entities).toEqual([{ id: 'data-hub-team', label: 'Data Hub Team', version: before + 3 }]);
      expect(applyChanges.relationships).toEqual([{ id: 'data-hub-team.operates.brussels-data-hub', version: before + 2 }]);
      const { node } = await ok(`{ node(id: "data-hub-team") { properties relationships { id } } }`, {}, editor);
      expect(node).toEqual({ properties: { size: 3 }, relationships: [{ id: 'data-hub-team.operates.brussels-data-hub' }] });
    });

    it('applies all of a batch or none: an error names the operation and its field, and nothing is written', async () => {
      const before = await lastSeq();
      const failing = await call(BATCH, { input: {
        reason: 'half right', citations: cite('lance la plateforme Brussels Data Hub'),
        operations: [
          { createEntity: { id: 'never-made', type: 'Organisation', label: 'Never made' } },
          { updateEntity: { id: 'no-such-entity', label: 'Z' } },
        ],
      } }, editor);
      expect(code(failing)).toBe('NOT_FOUND');
      expect(failing.errors![0]!.extensions!.argument).toBe('input.operations[1].updateEntity.id');
      const shape = await call(BATCH, { input: { reason: 'r', operations: [{ createEntity: { type: 'Organisation', label: 'X'.repeat(49), citations: cite('lance la plateforme Brussels Data Hub') } }] } }, editor);
      expect(shape.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.operations[0].createEntity.label' });
      const two = await call(BATCH, { input: { reason: 'r', operations: [{ retract: { id: 'cirb' }, addCitation: { id: 'cirb', citation: cite('lance la plateforme')[0] } }] } }, editor);
      expect(two.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.operations[0]' });
      const merge = await call(BATCH, { input: { reason: 'r', operations: [{ mergeEntities: { into: 'cirb', from: 'data-hub-team' } }] } }, editor);
      expect(code(merge)).toBe('FORBIDDEN');
      expect(await lastSeq()).toBe(before);
      expect((await call(`{ node(id: "never-made") { id } }`, {}, editor)).data?.node).toBeNull();
    });

    it('answers a mutation sent again with the same idempotency key with the change already made, and refuses the key for another input', async () => {
      const input = { id: 'data-hub-team', properties: { retried: true }, citations: cite('lance la plateforme Brussels Data Hub'), reason: 'sent twice', idempotencyKey: 'retry-5f1c' };
      const first = await ok(UPDATE, { input }, editor);
      const before = await lastSeq();
      const again = await ok(UPDATE, { input }, editor);
      expect(again.updateEntity.change.seq).toBe(first.updateEntity.change.seq);
      expect(await lastSeq()).toBe(before);
      const other = await call(UPDATE, { input: { ...input, properties: { retried: false } } }, editor);
      expect(other.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.idempotencyKey' });
      // Another token's key is its own.
      const mine = await ok(UPDATE, { input }, admin);
      expect(mine.updateEntity.change.seq).toBe(before + 1);
      const batch = { reason: 'a batch sent twice', idempotencyKey: 'batch-77', operations: [{ updateEntity: { id: 'data-hub-team', properties: { batched: 1 }, citations: cite('lance la plateforme Brussels Data Hub') } }] };
      const b1 = await ok(BATCH, { input: batch }, editor);
      const b2 = await ok(BATCH, { input: batch }, editor);
      expect(b2.applyChanges.changes).toEqual(b1.applyChanges.changes);
      expect(await lastSeq()).toBe(before + 2);
    });

    it('answers each of many mutations sent at once on its own: a bad one fails alone, the same key sent twice at once commits once', async () => {
      const before = await lastSeq();
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(UPDATE, { input: {
        id: i % 4 === 3 ? `no-such-entity-${i}` : 'data-hub-team', properties: { [`together${i}`]: i }, citations: cite('lance la plateforme Brussels Data Hub'), reason: `together ${i}`,
      } }, editor)));
      answers.forEach((a, i) => expect(i % 4 === 3 ? code(a) : a.errors).toBe(i % 4 === 3 ? 'NOT_FOUND' : undefined));
      expect(await lastSeq()).toBe(before + 9);
      const { node } = await ok(`{ node(id: "data-hub-team") { properties } }`, {}, editor);
      for (let i = 0; i < 12; i++) if (i % 4 !== 3) expect(node.properties).toHaveProperty(`together${i}`, i);
      const input = { id: 'data-hub-team', properties: { twice: true }, citations: cite('lance la plateforme Brussels Data Hub'), reason: 'twice at once', idempotencyKey: 'at-once-1' };
      const [a, b] = await Promise.all([ok(UPDATE, { input }, editor), ok(UPDATE, { input }, editor)]);
      expect(a.updateEntity.change.seq).toBe(b.updateEntity.change.seq);
      expect(await lastSeq()).toBe(before + 10);
    });
  });
}
