import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { StoreUnavailableError } from '../../domain/errors';
import { translateDriverError } from './neo4j-errors';

export type Row = Record<string, unknown>;

export interface RunnerSettings {
  /** Shown in error messages, credentials removed. */
  uri: string;
  database?: string;
  queryTimeoutMs: number;
  connectionTimeoutMs: number;
}

/** Rows as plain objects: with `disableLosslessIntegers` they hold JS numbers, never Integer. */
export async function rows(tx: ManagedTransaction, query: string, params: Row): Promise<Row[]> {
  const result = await tx.run(query, params);
  return result.records.map((r) => r.toObject() as Row);
}

/**
 * Every call to the database goes through here: one session per call, a managed
 * transaction with a timeout, and driver failures translated in one place.
 */
export class Neo4jRunner {
  constructor(readonly driver: Driver, readonly settings: RunnerSettings) {}

  read(query: string, params: Row = {}): Promise<Row[]> {
    return this.transaction('READ', (tx) => rows(tx, query, params));
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.settings.queryTimeoutMs): Promise<T> {
    return this.transaction('WRITE', work, timeoutMs);
  }

  async verifyConnectivity(): Promise<void> {
    await this.guard(() => this.driver.verifyConnectivity({ database: this.settings.database }));
  }

  private transaction<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.settings.queryTimeoutMs): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({
        database: this.settings.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      });
      const config = { timeout: timeoutMs };
      const running = mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config);
      let settled = false;
      running.then(() => (settled = true), () => (settled = true));
      try {
        return await this.withinDeadline(running, timeoutMs);
      } finally {
        // A session on a lost connection may fail to close, or hang when the deadline passed; the query's outcome matters more.
        const closing = session.close().catch(() => undefined);
        if (settled) await closing;
      }
    });
  }

  /**
   * The server ends a transaction at its timeout and the driver gives up on a
   * refused or reset connection, but a database that vanishes without a word (a
   * partition, a frozen host) leaves the socket waiting forever. Past the time
   * the server, the retries and one reconnection could take, the call fails.
   */
  private withinDeadline<T>(running: Promise<T>, timeoutMs: number): Promise<T> {
    const deadlineMs = timeoutMs + 2 * this.settings.connectionTimeoutMs + 2000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`The Neo4j database at ${this.settings.uri} did not answer within ${deadlineMs} ms.`)),
        deadlineMs,
      );
    });
    return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translateDriverError(error, this.settings.uri);
    }
  }
}
