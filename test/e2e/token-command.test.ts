import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken, TOKEN_SECRET } from '../../src/domain/tokens';
import { createApp } from '../../src/http/app';
import { PROJECT_ROOT } from '../../src/paths';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';

/** `npm run token` as an operator runs it: the command built by test/support/global-setup.js, in its own process. */
interface Outcome { code: number | null; stdout: string; stderr: string }

function token(env: Record<string, string>, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'dist/auth/token-command.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'token-command-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir };
const closeAfter: SqliteStore[] = [];
afterAll(() => Promise.all(closeAfter.map((s) => s.close())));

describe('the token command [store: embedded]', () => {
  it('creates a token, printing its secret once and nothing else, lists it without the secret, and revokes it', async () => {
    const created = await token(env, ['create', '--role', 'editor', '--name', 'alice']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const lines = created.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const secret = lines[0]!;
    expect(secret).toMatch(TOKEN_SECRET);

    // A server on the same store with READ_ACCESS=token answers the token until it is revoked.
    const store = new SqliteStore(join(dataDir, 'graph.sqlite'));
    closeAfter.push(store);
    const app = createApp(store, { readAccess: 'token', log: () => {} });
    const ask = () => app.fetch('http://test/graphql?query=%7B__typename%7D', { headers: { authorization: `Bearer ${secret}` } });
    expect(await store.findToken(hashToken(secret))).toEqual({ name: 'alice', role: 'editor' });
    expect((await ask()).status).toBe(200);

    const listed = await token(env, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(hashToken(secret));
    const rows = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual([{ name: 'alice', role: 'editor', created: expect.any(String), revoked: null, lastUsed: expect.any(String) }]);

    const revoked = await token(env, ['revoke', '--name', 'alice']);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ name: 'alice', revoked: expect.any(String) });
    const after = await token(env, ['list']);
    expect(JSON.parse(after.stdout.trim()).revoked).toEqual(expect.any(String));
    const refused = await ask();
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).toContain('UNAUTHENTICATED');
  });

  it.each([
    [['create', '--role', 'editor', '--name', 'bob', '--colour', 'red'], /unknown flag --colour/],
    [['create', '--name', 'bob'], /--role is missing/],
    [['revoke'], /--name is missing/],
    [['delete', '--name', 'bob'], /unknown or missing command "delete"/],
    [['create', '--role', 'owner', '--name', 'bob'], /role.*"owner"/],
    [['create', '--role', 'editor', '--name', 'Bob Smith'], /token name/],
    [['revoke', '--name', 'nobody'], /No live token is named "nobody"/],
  ])('refuses %j with exit 1 and one line naming what is wrong', async (args, pattern) => {
    const outcome = await token(env, args);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(pattern);
  });
});
