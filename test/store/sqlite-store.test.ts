import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../src/domain/errors';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { DatabaseFileError, translateSqliteError } from '../../src/store/embedded/sqlite-errors';
import { hashToken } from '../../src/domain/tokens';
import { SQLITE_SCHEMA_VERSION } from '../../src/store/embedded/sqlite-schema';
import { fixture } from '../contract/fixture';
import { PROJECT_ROOT } from '../../src/paths';

const dir = mkdtempSync(join(tmpdir(), 'graph-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const fresh = () => join(dir, `store-${++files}.sqlite`);

// The contract and the API suites run on this store from test/contract/every-store.test.ts and test/api/every-store.test.ts.

describe('the embedded store\'s tokens [store: embedded]', () => {
  it('keeps its tokens when a file of another schema version is emptied and set up again', async () => {
    const file = fresh();
    const store = new SqliteStore(file);
    await store.replaceGraph(fixture);
    const { secret } = await store.createToken({ name: 'alice', role: 'admin' });
    await store.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION - 1}`);
    raw.close();
    const reopened = new SqliteStore(file);
    try {
      expect(await reopened.stats()).toEqual({ entities: 0, relationships: 0 });
      expect(await reopened.findToken(hashToken(secret))).toEqual({ name: 'alice', role: 'admin' });
    } finally {
      await reopened.close();
    }
  });
});

describe('the embedded store\'s file [store: embedded]', () => {
  it('refuses a file that is not a database, naming it and SQLite\'s reason', () => {
    const file = join(dir, 'garbage.sqlite');
    writeFileSync(file, 'Not a database at all, only some text. '.repeat(200));
    let error: unknown;
    try {
      new SqliteStore(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const e = error as DatabaseFileError;
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/SQLITE_NOTADB/);
    expect(e.file).toBe(file);
    expect(e.fix).toMatch(/move it away.*DATA_DIR/);
    // The file is left as it was: nothing was written into it.
    expect(readFileSync(file, 'utf8')).toMatch(/^Not a database at all/);
  });

  it('gives StoreUnavailableError naming the file when another connection holds the write lock, and reads on meanwhile', async () => {
    const file = fresh();
    const store = new SqliteStore(file);
    await store.replaceGraph(fixture);
    const other = new Database(file);
    try {
      other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held', 'by another connection')");
      const started = Date.now();
      const error = await store.replaceGraph({ ...fixture, version: 'fixture-2' }).catch((e) => e);
      const waited = Date.now() - started;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/locked by another connection \(SQLITE_BUSY/);
      process.stdout.write(`Embedded write against a held lock: StoreUnavailableError after ${waited} ms\n`);
      // WAL mode: readers do not wait for the writer.
      expect((await store.getEntities(['agence']))[0]?.id).toBe('agence');
      expect(await store.graphVersion()).toBe('fixture-1');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.replaceGraph({ ...fixture, version: 'fixture-2' });
    expect(await store.graphVersion()).toBe('fixture-2');
    await store.close();
  });

  it('gives StoreUnavailableError within the busy timeout when another program holds the file exclusively', async () => {
    const file = fresh();
    const holder = new Database(file);
    try {
      holder.pragma('locking_mode = EXCLUSIVE');
      holder.exec('CREATE TABLE held (x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1)');
      let error: unknown;
      try {
        new SqliteStore(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/SQLITE_BUSY/);
      expect((error as DatabaseFileError).fix).toMatch(/Stop the other program/);
    } finally {
      holder.close();
    }
  });

  it('gives StoreUnavailableError naming the file and SQLITE_CORRUPT for a damaged file', async () => {
    const file = fresh();
    const store = new SqliteStore(file);
    await store.replaceGraph(fixture);
    await store.close();
    // Every page after the first (the header and the start of the schema) overwritten.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
    closeSync(fd);
    const error = await (async () => {
      const damaged = new SqliteStore(file);
      try {
        await damaged.listEntities({ first: 100 });
        await damaged.relationshipsOf(['agence'], { direction: 'BOTH' });
        await damaged.neighbourhood('agence', 2, { limit: 100 });
      } finally {
        await damaged.close();
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/SQLITE_(CORRUPT|NOTADB)/);
  });

  it('reads a full database as StoreUnavailableError naming the file and SQLITE_FULL', () => {
    const file = fresh();
    const db = new Database(file);
    try {
      db.exec('CREATE TABLE t (x)');
      db.pragma('max_page_count = 3');
      let error: unknown;
      try {
        db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(20000));
      } catch (e) {
        error = translateSqliteError(e, file);
      }
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toBe(`The embedded database ${file} is full (no space left for it) (SQLITE_FULL: database or disk is full).`);
    } finally {
      db.close();
    }
  });
});

describe('the embedded store\'s lock across processes [store: embedded]', () => {
  it('is free again as soon as a process holding it dies', async () => {
    const file = fresh();
    const store = new SqliteStore(file);
    await store.replaceGraph(fixture);
    // Another process takes the write lock, says so, and is killed holding it.
    const script = `const D = require(${JSON.stringify(join(PROJECT_ROOT, 'node_modules/better-sqlite3'))});
      const db = new D(${JSON.stringify(file)}); db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO meta VALUES ('crashed', 'yes')");
      process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killed = false;
    setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 500);
    // Taken once the holder was killed, not before, and well within its wait.
    const takenAfterKill = await store.withLock('seed', async () => killed, { waitMs: 10_000 });
    await exited;
    expect(takenAfterKill).toBe(true);
    // What the dead process wrote was never committed.
    expect(await store.graphVersion()).toBe('fixture-1');
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'crashed'").get()).toEqual({ n: 0 });
    db.close();
    await store.close();
  });
});
