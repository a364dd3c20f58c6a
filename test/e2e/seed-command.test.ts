import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * `npm run seed` as an operator runs it: the command built by test/support/global-setup.js,
 * in its own process, with the server's environment.
 */
interface Outcome { code: number | null; stdout: string; stderr: string }

function seed(env: Record<string, string>, args: string[] = []): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'dist/seed/seed-command.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** The command's one line on stdout, parsed. */
function result(outcome: Outcome): Record<string, unknown> {
  const lines = outcome.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'seed-command-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the seed command [store: embedded]', () => {
  const dataDir = tempDir();

  it('loads the seed into an empty store, then says it is current, and --force loads it again', async () => {
    const first = await seed({ DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    const loaded = result(first);
    expect(loaded).toMatchObject({ msg: 'seed loaded', loaded: true, store: 'embedded', version: expect.stringMatching(/^log@\d+$/), datasets: ['question-412-smart-city-2020'], skipped: [] });
    expect(loaded.entities).toBeGreaterThanOrEqual(50);
    expect(loaded.relationships).toBeGreaterThanOrEqual(50);

    const second = await seed({ DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(result(second)).toMatchObject({ msg: 'seed already current', loaded: false, version: loaded.version, entities: loaded.entities });

    const forced = await seed({ DATA_DIR: dataDir }, ['--force']);
    expect(forced.code).toBe(0);
    expect(result(forced)).toMatchObject({ msg: 'seed loaded', loaded: true, version: loaded.version, entities: loaded.entities });
    expect(first.stderr + second.stderr + forced.stderr).toBe('');
  });

  it('exits 1 on a broken seed, naming the file, line and path, and leaves the store as it was', async () => {
    const seedDir = tempDir();
    writeFileSync(
      join(seedDir, 'broken.yaml'),
      'format: 2\ndocument: {id: d, label: D, title: D, language: fr, sources: [{quote: "D d d", section: header}]}\nentities: []\nrelationships:\n  - {type: OPERATES, from: d, to: nowhere, sources: [{quote: "xyz", section: header}]}\n',
    );
    const broken = await seed({ DATA_DIR: dataDir, SEED_DIR: seedDir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/^Seed not loaded: 1 error\(s\), nothing was loaded: .*broken\.yaml:5 relationships\[0\]\.to: unknown entity "nowhere"/);
    const after = await seed({ DATA_DIR: dataDir });
    expect(result(after)).toMatchObject({ loaded: false });
  });

  it('exits 1 when the store cannot be opened, naming it', async () => {
    const notADatabase = tempDir();
    writeFileSync(join(notADatabase, 'graph.sqlite'), 'Not a database. '.repeat(500));
    const corrupt = await seed({ DATA_DIR: notADatabase });
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain(join(notADatabase, 'graph.sqlite'));
    expect(corrupt.stderr).toMatch(/SQLITE_NOTADB/);

    const uri = 'bolt://127.0.0.1:1';
    const unreachable = await seed({ NEO4J_URI: uri, NEO4J_START_TIMEOUT_MS: '0' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^Seed not loaded: .*${uri}`));
  });

  it('exits 1 on an argument it does not know, saying how to call it', async () => {
    const wrong = await seed({ DATA_DIR: dataDir }, ['--forse']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/unknown argument\(s\) --forse\. Usage: .*--force/);
  });
});
