import { CURATION_DATASET, SEED_ACTOR, type Operation } from '../../src/changes/change';
import { appendChange } from '../../src/curation/curate';
import { curateOp } from '../helpers/curate-op';
import { graphVersionAt } from '../../src/changes/versions';
import { fold, loadTargets } from '../../src/curation/fold';
import { layDown } from '../../src/curation/lay-down';
import { ConflictError, NotFoundError, StaleGraphError } from '../../src/domain/errors';
import type { Citation, Entity, Relationship } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/store';
import { fixture } from './fixture';

const DOC = 'fixture-doc';
const citation: Citation = { document: DOC, quote: 'about Agence Numérique', section: 'answer-1' };

type Load = Extract<Operation, { kind: 'LOAD' }>;

/** Records a dataset's content as the seed does (a LOAD change), then lays the graph down from the log. */
export async function loadDataset(store: GraphStore, dataset: string, entities: Entity[], relationships: Relationship[], version = 'v1'): Promise<void> {
  const previous = (await store.listChanges({ kinds: ['LOAD'] })).filter((c) => (c.op as Load).dataset === dataset).at(-1)?.op as Load | undefined;
  const op: Load = { kind: 'LOAD', dataset, version, entities, relationships };
  await appendChange(store, { kind: 'LOAD', actor: SEED_ACTOR, dataset, reason: 'loaded', citations: [], op, targets: loadTargets(previous ?? null, op) });
  await layDown(store);
}

/** One change through curate, by `actor` (alice), citing the fixture's document; `expectedVersion` as a mutation gives it. */
const edit = (store: GraphStore, op: Operation, extra: { actor?: string; expectedVersion?: number } = {}) => curateOp(store, op, { citations: [citation], ...extra });

const one = async (store: GraphStore, id: string) => (await store.getEntities([id]))[0];
const relationship = async (store: GraphStore, id: string) => (await store.getRelationships([id]))[0];

const newEntity = (id: string, label: string): Entity => ({
  id, type: 'Organisation', category: null, label, names: [], status: null, inferred: {}, properties: {}, sources: [citation],
});

/** Without bookkeeping, to compare a record with what it was. */
function bare<T extends Entity | Relationship>(r: T | null | undefined): Omit<T, 'record'> | null {
  if (!r) return null;
  const { record: _, ...rest } = r;
  return rest;
}

/**
 * GraphStore's change log and the curation done through it (src/curation/): every mutation,
 * merges and unmerges, the history, the graph as it was, and reloads of a dataset, on every store.
 */
export function describeCurationContract(kind: string, open: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: curation [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await open();
      await loadDataset(store, 'fixture', fixture.entities, fixture.relationships);
    });
    afterEach(async () => {
      await store.close();
    });

    it('records a dataset\'s load as a numbered change by the seed, and stamps its records with it', async () => {
      const [load] = await store.listChanges({});
      expect(load).toMatchObject({ seq: 1, kind: 'LOAD', actor: SEED_ACTOR, dataset: 'fixture' });
      expect(Date.parse(load!.at)).toBeGreaterThan(Date.now() - 60_000);
      expect(load!.targets).toHaveLength(fixture.entities.length + fixture.relationships.length);
      expect(await store.lastChange()).toBe(1);
      expect(await store.graphVersion()).toBe(graphVersionAt(1));
      expect((await one(store, 'agence'))!.record).toEqual({ version: 1, datasets: ['fixture'] });
      expect((await relationship(store, 'agence.procures.marche'))!.record).toEqual({ version: 1, datasets: ['fixture'] });
      expect(await store.getRelationships(['agence.procures.marche', 'nope'])).toEqual([expect.objectContaining({ id: 'agence.procures.marche' }), null]);
    });

    it('creates an entity stated by the curation dataset, versioned by its change', async () => {
      const change = await edit(store, { kind: 'CREATE_ENTITY', entity: newEntity('nouvelle', 'Nouvelle Agence') });
      expect(change).toMatchObject({ seq: 2, kind: 'CREATE_ENTITY', actor: 'alice', dataset: CURATION_DATASET, reason: 'a test edit', citations: [citation] });
      expect(change.targets).toEqual([{ kind: 'ENTITY', id: 'nouvelle', before: null, after: expect.objectContaining({ label: 'Nouvelle Agence' }) }]);
      const created = await one(store, 'nouvelle');
      expect(created).toMatchObject({ label: 'Nouvelle Agence', record: { version: 2, datasets: ['curation'] } });
      expect((await store.search('Nouvelle Agence', 5)).map((h) => h.entity.id)[0]).toBe('nouvelle');
      await expect(edit(store, { kind: 'CREATE_ENTITY', entity: newEntity('nouvelle', 'Again') })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.lastChange()).toBe(2);
    });

    it('updates an entity at the version read, refuses a stale version with CONFLICT and writes nothing', async () => {
      const v1 = (await one(store, 'agence'))!.record!.version;
      const change = await edit(store, { kind: 'UPDATE_ENTITY', id: 'agence', set: { label: 'Agence du Numérique' }, citations: [citation] }, { expectedVersion: v1 });
      const updated = (await one(store, 'agence'))!;
      expect(updated).toMatchObject({ label: 'Agence du Numérique', record: { version: change.seq, datasets: ['curation', 'fixture'] } });
      expect(change.targets[0]).toMatchObject({ kind: 'ENTITY', id: 'agence', before: { label: 'Agence Numérique' }, after: { label: 'Agence du Numérique' } });
      const stale = edit(store, { kind: 'UPDATE_ENTITY', id: 'agence', set: { label: 'Stale' }, citations: [citation] }, { expectedVersion: v1 });
      await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', currentVersion: change.seq });
      expect((await one(store, 'agence'))!.label).toBe('Agence du Numérique');
      expect(await store.lastChange()).toBe(change.seq);
    });

    it('adds a relationship between current entities, and refuses one to an unknown entity or one stated already', async () => {
      const r: Relationship = { id: 'beta.depends-on.socle', type: 'DEPENDS_ON', from: 'beta', to: 'socle', properties: {}, sources: [citation], modality: 'PLANNED' };
      const change = await edit(store, { kind: 'ADD_RELATIONSHIP', relationship: r });
      expect(await relationship(store, r.id)).toMatchObject({ from: 'beta', to: 'socle', modality: 'PLANNED', record: { version: change.seq, datasets: ['curation'] } });
      const [out] = await store.relationshipsOf(['beta'], { direction: 'OUT' });
      expect(out!.map((x) => x.id)).toContain(r.id);
      const deps = await store.dependencies('beta', 'UPSTREAM', 3, { limit: 50 });
      expect(deps.nodes.map((n) => n.id)).toEqual(['beta', 'socle', 'reseau']);
      await expect(edit(store, { kind: 'ADD_RELATIONSHIP', relationship: { ...r, id: 'other-id' } })).rejects.toBeInstanceOf(ConflictError);
      await expect(edit(store, { kind: 'ADD_RELATIONSHIP', relationship: { ...r, id: 'x', to: 'nowhere' } })).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.lastChange()).toBe(change.seq);
    });

    it('updates a relationship\'s modality and time, and cites a fact again', async () => {
      const id = 'socle.integrates.reseau';
      await edit(store, { kind: 'UPDATE_RELATIONSHIP', id, set: { modality: 'FACT', at: { date: '2022' }, clear: ['start'] }, citations: [citation] });
      const r = (await relationship(store, id))!;
      // FACT is the default: a fact has no modality of its own.
      expect(r).toMatchObject({ at: { date: '2022' } });
      expect(r.modality).toBeUndefined();
      expect(r.start).toBeUndefined();
      const held = await store.relationshipsOf(['socle'], { direction: 'OUT', validAt: ['2022-01-01', '2022-12-31'] });
      expect(held[0]!.map((x) => x.id)).toEqual([id]);
      const more: Citation = { document: DOC, quote: 'socle INTEGRATES reseau', section: 'answer-2' };
      await edit(store, { kind: 'ADD_CITATION', target: 'RELATIONSHIP', id, citation: more });
      expect((await relationship(store, id))!.sources).toContainEqual(more);
      const page = await store.statementsOf(DOC, { first: 100 });
      expect(page.statements.filter((s) => s.kind === 'relationship' && s.relationship.id === id)).toHaveLength(1);
    });

    it('retracts a relationship, and an entity with its relationships: nothing is deleted from the history', async () => {
      const change = await edit(store, { kind: 'RETRACT', target: 'RELATIONSHIP', id: 'agence.procures.marche' });
      expect(await relationship(store, 'agence.procures.marche')).toBeNull();
      expect(change.targets).toEqual([expect.objectContaining({ id: 'agence.procures.marche', before: expect.objectContaining({ type: 'PROCURES' }), after: null })]);
      const gone = await edit(store, { kind: 'RETRACT', target: 'ENTITY', id: 'hub' });
      expect(await one(store, 'hub')).toBeNull();
      expect(gone.targets.filter((t) => t.kind === 'RELATIONSHIP')).toHaveLength(13);
      expect((await store.relationshipsOf(['spoke-01'], { direction: 'BOTH' }))[0]).toEqual([]);
      expect((await store.search('Grand Programme', 5)).map((h) => h.entity.id)).not.toContain('hub');
      const history = await store.listChanges({ target: { kind: 'ENTITY', id: 'hub' }, newestFirst: true });
      expect(history.map((c) => c.kind)).toEqual(['RETRACT', 'LOAD']);
      expect(history[0]!.targets).toEqual([expect.objectContaining({ id: 'hub', after: null })]);
      await expect(edit(store, { kind: 'RETRACT', target: 'ENTITY', id: 'hub' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('merges an entity into another: its id resolves to the survivor, its names, citations and relationships move, none twice', async () => {
      const beforeAgence = await one(store, 'agence');
      const beforePartenaire = await one(store, 'partenaire');
      await edit(store, { kind: 'MERGE', into: 'agence', from: 'partenaire' });
      expect(await one(store, 'partenaire')).toBeNull();
      expect(await store.mergedInto(['partenaire', 'agence'])).toEqual(['agence', null]);
      const agence = (await one(store, 'agence'))!;
      expect(agence.record!.mergedFrom).toEqual(['partenaire']);
      expect(agence.names.map((n) => n.text)).toContain('Partenaire Privé');
      expect(agence.sources).toEqual(expect.arrayContaining([...beforeAgence!.sources, ...beforePartenaire!.sources]));
      expect(await relationship(store, 'marche.awarded-to.partenaire')).toMatchObject({ from: 'marche', to: 'agence' });
      // The collaboration joined the two: it would join the survivor to itself.
      expect(await relationship(store, 'agence.collaborates-with.partenaire')).toBeNull();
      expect((await store.search('Partenaire Privé', 5))[0]!.entity.id).toBe('agence');
      await expect(edit(store, { kind: 'MERGE', into: 'agence', from: 'agence' })).rejects.toBeInstanceOf(ConflictError);
      // partenaire resolves to agence: merging it again is merging agence into itself.
      await expect(edit(store, { kind: 'MERGE', into: 'partenaire', from: 'agence' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('gives a relationship both entities stated the other\'s citations when merging them', async () => {
      await edit(store, { kind: 'MERGE', into: 'socle', from: 'reseau' });
      await edit(store, { kind: 'ADD_RELATIONSHIP', relationship: { id: 'portail.builds-on.beta', type: 'BUILDS_ON', from: 'portail', to: 'beta', properties: {}, sources: [citation] } });
      await edit(store, { kind: 'MERGE', into: 'integrateur', from: 'beta' });
      // portail BUILDS_ON beta became portail BUILDS_ON integrateur, which was stated already: one relationship, both citations.
      const [out] = await store.relationshipsOf(['portail'], { direction: 'OUT', types: ['BUILDS_ON'] });
      expect(out!.map((r) => r.id)).toEqual(['portail.builds-on.integrateur']);
      expect(out![0]!.sources).toEqual(expect.arrayContaining([citation, ...fixture.relationships.find((r) => r.id === 'portail.builds-on.integrateur')!.sources]));
    });

    it('resolves chains of merges, and unmerges back to both as they were, later edits kept', async () => {
      const before = { partenaire: bare(await one(store, 'partenaire')), agence: bare(await one(store, 'agence')), awarded: bare(await relationship(store, 'marche.awarded-to.partenaire')) };
      const collaboration = bare(await relationship(store, 'agence.collaborates-with.partenaire'));
      await edit(store, { kind: 'MERGE', into: 'agence', from: 'partenaire' });
      await edit(store, { kind: 'MERGE', into: 'hub', from: 'agence' });
      expect(await store.mergedInto(['partenaire', 'agence'])).toEqual(['hub', 'hub']);
      expect((await one(store, 'hub'))!.record!.mergedFrom).toEqual(['agence', 'partenaire']);
      await edit(store, { kind: 'UPDATE_ENTITY', id: 'partenaire', set: { category: 'consortium' }, citations: [citation] });
      expect((await one(store, 'hub'))!.category).toBe('consortium');
      const undo = await edit(store, { kind: 'UNMERGE', from: 'agence', merge: 0 });
      expect(undo.targets.map((t) => t.id)).toContain('agence');
      expect(await store.mergedInto(['agence', 'partenaire'])).toEqual([null, 'agence']);
      // The edit made through "partenaire" was made to the entity it named then, hub: it stays hub's.
      expect((await one(store, 'hub'))!.category).toBe('consortium');
      expect((await one(store, 'agence'))!.category).toBe('public-body');
      await edit(store, { kind: 'UNMERGE', from: 'partenaire', merge: 0 });
      expect(bare(await one(store, 'partenaire'))).toEqual(before.partenaire);
      expect(bare(await relationship(store, 'marche.awarded-to.partenaire'))).toEqual(before.awarded);
      expect(bare(await relationship(store, 'agence.collaborates-with.partenaire'))).toEqual(collaboration);
      expect(bare(await one(store, 'agence'))).toEqual(before.agence);
      await expect(edit(store, { kind: 'UNMERGE', from: 'partenaire', merge: 0 })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps every edit over a reload of the dataset, and a retraction or correction of a seed fact keeps holding', async () => {
      await edit(store, { kind: 'CREATE_ENTITY', entity: newEntity('nouvelle', 'Nouvelle Agence') });
      await edit(store, { kind: 'UPDATE_ENTITY', id: 'agence', set: { label: 'Agence corrigée' }, citations: [citation] });
      await edit(store, { kind: 'RETRACT', target: 'RELATIONSHIP', id: 'agence.procures.marche' });
      const entities = fixture.entities.map((e) => (e.id === 'beta' ? { ...e, label: 'Beta renamed' } : e.id === 'agence' ? { ...e, label: 'Agence rechargée' } : e));
      await loadDataset(store, 'fixture', entities, fixture.relationships, 'v2');
      expect((await one(store, 'beta'))!.label).toBe('Beta renamed');
      expect((await one(store, 'agence'))!.label).toBe('Agence corrigée');
      expect(await one(store, 'nouvelle')).toMatchObject({ label: 'Nouvelle Agence' });
      expect(await relationship(store, 'agence.procures.marche')).toBeNull();
      const load = (await store.listChanges({ kinds: ['LOAD'], newestFirst: true, first: 1 }))[0]!;
      expect(load.targets.map((t) => t.id).sort()).toEqual(['agence', 'beta']);
      expect((await one(store, 'beta'))!.record).toEqual({ version: load.seq, datasets: ['fixture'] });
      expect((await one(store, 'agence'))!.record!.datasets).toEqual(['curation', 'fixture']);
      expect((await one(store, 'socle'))!.record).toEqual({ version: 1, datasets: ['fixture'] });
    });

    it('lists the log by number, time, record and kind, newest first when asked, resuming after a number', async () => {
      for (const label of ['A', 'B', 'C']) await edit(store, { kind: 'UPDATE_ENTITY', id: 'beta', set: { label }, citations: [citation] });
      const all = await store.listChanges({});
      expect(all.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      for (let i = 1; i < all.length; i++) expect(all[i]!.at >= all[i - 1]!.at).toBe(true);
      expect((await store.listChanges({ after: 2, first: 1 })).map((c) => c.seq)).toEqual([3]);
      expect((await store.listChanges({ target: { kind: 'ENTITY', id: 'beta' }, newestFirst: true, first: 2 })).map((c) => c.seq)).toEqual([4, 3]);
      expect((await store.listChanges({ before: 3, newestFirst: true })).map((c) => c.seq)).toEqual([2, 1]);
      expect((await store.listChanges({ kinds: ['LOAD'] })).map((c) => c.seq)).toEqual([1]);
      expect((await store.listChanges({ since: all[3]!.at })).map((c) => c.seq)).toContain(4);
      expect((await store.listChanges({ until: all[0]!.at })).map((c) => c.seq)).toContain(1);
      expect(await store.changeAt(all[3]!.at)).toBe(4);
      expect(await store.changeAt(new Date(Date.parse(all[0]!.at) - 1000).toISOString())).toBe(0);
      expect(await store.changeAt('9999-12-31T00:00:00.000Z')).toBe(4);
      const history = await store.listChanges({ target: { kind: 'ENTITY', id: 'beta' }, newestFirst: true, first: 1 });
      expect(history[0]!.targets).toEqual([{ kind: 'ENTITY', id: 'beta', before: expect.objectContaining({ label: 'B' }), after: expect.objectContaining({ label: 'C' }) }]);
      expect((await store.listChanges({ targets: false }))[0]!.targets).toEqual([]);
    });

    it('folds the log up to a change into the graph as it was then, the same as the store held', async () => {
      await edit(store, { kind: 'UPDATE_ENTITY', id: 'beta', set: { label: 'Then' }, citations: [citation] });
      const then = await store.lastChange();
      const held = { entities: await store.getEntities(fixture.entities.map((e) => e.id)), relationships: await store.getRelationships(fixture.relationships.map((r) => r.id)) };
      await edit(store, { kind: 'UPDATE_ENTITY', id: 'beta', set: { label: 'Now' }, citations: [citation] });
      await edit(store, { kind: 'MERGE', into: 'agence', from: 'partenaire' });
      const { graph } = fold(await store.listChanges({ through: then }));
      const byId = new Map(graph.entities.map((e) => [e.id, e]));
      expect(held.entities.map((e) => byId.get(e!.id))).toEqual(held.entities);
      const rels = new Map(graph.relationships.map((r) => [r.id, r]));
      expect(held.relationships.map((r) => rels.get(r!.id))).toEqual(held.relationships);
      // And the whole log folds into what the store holds now.
      const now = fold(await store.listChanges({})).graph;
      expect(await store.getEntities(now.entities.map((e) => e.id))).toEqual(now.entities);
      expect(await store.stats()).toEqual({ entities: now.entities.length, relationships: now.relationships.length });
    });

    it('refuses a change to the graph while the log holds changes it does not reflect, and catches up', async () => {
      await appendChange(store, { kind: 'LOAD', actor: SEED_ACTOR, dataset: 'other', reason: null, citations: [], op: { kind: 'LOAD', dataset: 'other', version: 'x', entities: [newEntity('autre', 'Autre')], relationships: [] }, targets: [] });
      const change = { kind: 'CREATE_ENTITY' as const, actor: 'alice', dataset: CURATION_DATASET, reason: 'r', citations: [], op: { kind: 'CREATE_ENTITY' as const, entity: newEntity('z', 'Z') }, targets: [] };
      const direct = store.commit({ reads: {}, plan: () => [{ change, delta: { putEntities: [newEntity('z', 'Z')], removeEntities: [], putRelationships: [], removeRelationships: [] } }] });
      await expect(direct).rejects.toBeInstanceOf(StaleGraphError);
      expect(await one(store, 'z')).toBeNull();
      // curate lays the graph down, then makes its change.
      await edit(store, { kind: 'CREATE_ENTITY', entity: newEntity('z', 'Z') });
      expect(await one(store, 'autre')).toMatchObject({ record: { datasets: ['other'] } });
      expect(await one(store, 'z')).not.toBeNull();
    });

    it('loses no update among forty concurrent editors of a few entities, each setting a property of its own, and gives stale versions CONFLICT', async () => {
      const targets = ['beta', 'socle', 'reseau'];
      const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) =>
        edit(store, { kind: 'UPDATE_ENTITY', id: targets[i % 3]!, set: {}, properties: { set: { [`editor${i}`]: i }, remove: [] }, citations: [citation] }, { actor: `editor-${i}` })));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      for (const [t, id] of targets.entries()) {
        const history = await store.listChanges({ target: { kind: 'ENTITY', id }, kinds: ['UPDATE_ENTITY'], newestFirst: true });
        expect(history).toHaveLength(t === 0 ? 14 : 13);
        const mine = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 3 === t);
        expect((await one(store, id))!.properties).toMatchObject(Object.fromEntries(mine.map((i) => [`editor${i}`, i])));
        expect((await one(store, id))!.properties).toEqual(history[0]!.targets[0]!.after!.properties);
        expect((await one(store, id))!.record!.version).toBe(history[0]!.seq);
      }
      const v = (await one(store, 'beta'))!.record!.version;
      const racing = await Promise.allSettled(Array.from({ length: 8 }, (_, i) =>
        edit(store, { kind: 'UPDATE_ENTITY', id: 'beta', set: { label: `racer ${i}` }, citations: [citation] }, { expectedVersion: v })));
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of racing.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    });
  });
}
