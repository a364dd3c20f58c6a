import type Database from 'better-sqlite3';
import { BadInputError, NotFoundError } from '../../domain/errors';
import { checkRole, checkTokenName, LAST_USED_PERIOD_MS, newTokenSecret, type Caller, type Role, type TokenInfo } from '../../domain/tokens';
import { isBusy } from './sqlite-errors';

type TokenRow = { name: string; role: Role; created: number; revoked: number | null; last_used: number | null };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toInfo = (r: TokenRow): TokenInfo => ({ name: r.name, role: r.role, created: iso(r.created)!, revoked: iso(r.revoked), lastUsed: iso(r.last_used) });

/** The embedded store's tokens, in the api_tokens table (sqlite-schema.ts). */
export class SqliteTokens {
  private readonly q;

  /** `busyTimeoutMs`: the connection's usual busy timeout, set back after a write that does not wait. */
  constructor(private readonly db: Database.Database, private readonly busyTimeoutMs: number) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insert: p(`INSERT INTO api_tokens (hash, name, role, created) VALUES (?, ?, ?, ?)`),
      live: p(`SELECT name, role, created, revoked, last_used FROM api_tokens WHERE name = ? AND revoked IS NULL`),
      list: p(`SELECT name, role, created, revoked, last_used FROM api_tokens ORDER BY created, name`),
      revoke: p(`UPDATE api_tokens SET revoked = ? WHERE name = ? AND revoked IS NULL`),
      find: p(`SELECT name, role, last_used FROM api_tokens WHERE hash = ? AND revoked IS NULL`),
      touch: p(`UPDATE api_tokens SET last_used = ? WHERE hash = ?`),
    };
  }

  create(token: { name: string; role: Role }): { secret: string; token: TokenInfo } {
    const name = checkTokenName(token.name);
    const role = checkRole(token.role);
    const { secret, hash } = newTokenSecret();
    return this.db.transaction(() => {
      if (this.q.live.get(name)) throw new BadInputError(`A live token is already named "${name}"; revoke it first or choose another name.`, 'name');
      this.q.insert.run(hash, name, role, Date.now());
      return { secret, token: toInfo(this.q.live.get(name) as TokenRow) };
    }).immediate();
  }

  list(): TokenInfo[] {
    return (this.q.list.all() as TokenRow[]).map(toInfo);
  }

  revoke(name: string): TokenInfo {
    return this.db.transaction(() => {
      const row = this.q.live.get(name) as TokenRow | undefined;
      if (!row) throw new NotFoundError(`No live token is named "${name}".`, 'name');
      const now = Date.now();
      this.q.revoke.run(now, name);
      return toInfo({ ...row, revoked: now });
    }).immediate();
  }

  /**
   * The write of a last use never waits: while another connection holds the write lock (a
   * seed load), it is skipped (the next request writes it). Each write makes other
   * connections read the graph's shape again (PRAGMA data_version), hence once per period.
   */
  find(hash: string): Caller | null {
    const row = this.q.find.get(hash) as Pick<TokenRow, 'name' | 'role' | 'last_used'> | undefined;
    if (!row) return null;
    const now = Date.now();
    if (row.last_used === null || now - row.last_used >= LAST_USED_PERIOD_MS) {
      this.db.pragma('busy_timeout = 0');
      try {
        this.q.touch.run(now, hash);
      } catch (error) {
        if (!isBusy(error)) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      }
    }
    return { name: row.name, role: row.role };
  }
}
