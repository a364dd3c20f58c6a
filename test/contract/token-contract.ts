import { BadInputError, NotFoundError } from '../../src/domain/errors';
import { hashToken, TOKEN_SECRET } from '../../src/domain/tokens';
import type { GraphStore } from '../../src/store/store';
import { fixture } from './fixture';

export interface TokenContractOptions {
  /** A fresh, empty store. */
  open: () => Promise<GraphStore>;
  /** Another store instance on the database `open` opened last (another replica, or a restart). */
  another: () => Promise<GraphStore>;
}

/** GraphStore's tokens: stored as hashes, listed without them, revoked, kept across loads and instances. */
export function describeTokenContract(kind: string, { open, another }: TokenContractOptions): void {
  describe(`GraphStore contract: API tokens [store: ${kind}]`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates a token whose secret is given once and found by its hash, with its name and role', async () => {
      const { secret, token } = await store.createToken({ name: 'alice', role: 'editor' });
      expect(secret).toMatch(TOKEN_SECRET);
      expect(token).toEqual({ name: 'alice', role: 'editor', created: expect.any(String), revoked: null, lastUsed: null });
      expect(Date.parse(token.created)).toBeGreaterThan(Date.now() - 60_000);
      expect(await store.findToken(hashToken(secret))).toEqual({ name: 'alice', role: 'editor' });
      expect(await store.findToken(hashToken(`${secret}x`))).toBeNull();
      expect(await store.findToken(secret)).toBeNull();
    });

    it('lists tokens by creation with their times, never a secret or a hash, and notes a use', async () => {
      const a = await store.createToken({ name: 'alice', role: 'editor' });
      const b = await store.createToken({ name: 'root', role: 'admin' });
      await store.findToken(hashToken(b.secret));
      const list = await store.listTokens();
      expect(list.map((t) => [t.name, t.role])).toEqual([['alice', 'editor'], ['root', 'admin']]);
      for (const t of list) expect(Object.keys(t).sort()).toEqual(['created', 'lastUsed', 'name', 'revoked', 'role']);
      const text = JSON.stringify(list);
      for (const secret of [a.secret, b.secret]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(hashToken(secret));
      }
      expect(list[0]!.lastUsed).toBeNull();
      expect(Date.parse(list[1]!.lastUsed!)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('revokes a token: it is found no more, listed as revoked, and its name may be given again', async () => {
      const old = await store.createToken({ name: 'alice', role: 'editor' });
      const revoked = await store.revokeToken('alice');
      expect(revoked).toMatchObject({ name: 'alice', role: 'editor', revoked: expect.any(String) });
      expect(await store.findToken(hashToken(old.secret))).toBeNull();
      await expect(store.revokeToken('alice')).rejects.toBeInstanceOf(NotFoundError);
      const again = await store.createToken({ name: 'alice', role: 'admin' });
      expect(await store.findToken(hashToken(again.secret))).toEqual({ name: 'alice', role: 'admin' });
      const list = await store.listTokens();
      expect(list).toHaveLength(2);
      expect(list.map((t) => [t.name, t.role, t.revoked === null])).toEqual(expect.arrayContaining([['alice', 'editor', false], ['alice', 'admin', true]]));
    });

    it('refuses a second live token of one name, a bad name and an unknown role, naming them', async () => {
      await store.createToken({ name: 'alice', role: 'editor' });
      await expect(store.createToken({ name: 'alice', role: 'admin' })).rejects.toThrow(/already named "alice"/);
      await expect(store.createToken({ name: 'Alice Smith', role: 'editor' })).rejects.toBeInstanceOf(BadInputError);
      await expect(store.createToken({ name: 'bob', role: 'owner' as never })).rejects.toThrow(/role.*"owner"/);
      await expect(store.revokeToken('nobody')).rejects.toThrow(/"nobody"/);
      expect((await store.listTokens()).map((t) => t.name)).toEqual(['alice']);
    });

    it('keeps tokens through a load of the graph and shares them with another instance', async () => {
      const { secret } = await store.createToken({ name: 'alice', role: 'editor' });
      await store.replaceGraph(fixture);
      await store.replaceGraph({ ...fixture, version: 'fixture-2', entities: fixture.entities.slice(0, 3), relationships: [] });
      expect(await store.findToken(hashToken(secret))).toEqual({ name: 'alice', role: 'editor' });
      const other = await another();
      try {
        expect(await other.findToken(hashToken(secret))).toEqual({ name: 'alice', role: 'editor' });
        await other.revokeToken('alice');
      } finally {
        await other.close();
      }
      expect(await store.findToken(hashToken(secret))).toBeNull();
    });
  });
}
