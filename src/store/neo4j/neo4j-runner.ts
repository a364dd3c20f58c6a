import neo4j, { Neo4jError, type Driver, type Result, type Session } from 'neo4j-driver';
import { StoreUnavailableError } from '../../domain/errors';
import { isOver, timeLeft, timeoutError, whenAborted } from '../call-options';
import type { CallOptions } from '../store';
import { translateDriverError, type TranslationContext } from './neo4j-errors';

export type Row = Record<string, unknown>;

/** What work in a transaction may do: run statements (it neither commits nor rolls back). */
export interface Tx {
  run(query: string, parameters?: Row): Result;
}

export interface RunnerSettings {
  /** Shown in error messages, credentials removed. */
  uri: string;
  database?: string;
  queryTimeoutMs: number;
  connectionTimeoutMs: number;
}

/** Rows as plain objects: with `disableLosslessIntegers` they hold JS numbers, never Integer. */
export async function rows(tx: Tx, query: string, params: Row): Promise<Row[]> {
  const result = await tx.run(query, params);
  return result.records.map((r) => r.toObject() as Row);
}

/**
 * How long, from the first failure, a call is tried again when the driver says a
 * failure may pass (a connection lost, a deadlock, a leader that moved), and the
 * pauses between tries. The first retry is at once: it replaces a pooled connection
 * the database closed (after a restart) with a new one. The budget is short, so that
 * a database that went away is reported within a second or so (the driver's own
 * retries of managed transactions wait a second, then two, then four: they are not
 * used).
 */
export const RETRY_BUDGET_MS = 800;
const RETRY_PAUSES_MS = [0, 200, 400];

/** Transaction timeouts below this are raised to it: the server refuses a zero timeout. */
const MIN_TIMEOUT_MS = 1;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Every call to the database goes through here: one session per call, an explicit
 * transaction with a timeout, retries of failures that may pass, the call's deadline,
 * and driver failures translated in one place.
 */
export class Neo4jRunner {
  private closed = false;

  constructor(readonly driver: Driver, readonly settings: RunnerSettings) {}

  read(query: string, params: Row = {}, call?: CallOptions, what = 'a query', timeoutMs = this.settings.queryTimeoutMs): Promise<Row[]> {
    return this.transaction('READ', (tx) => rows(tx, query, params), timeoutMs, call, what);
  }

  write<T>(work: (tx: Tx) => Promise<T>, timeoutMs = this.settings.queryTimeoutMs): Promise<T> {
    return this.transaction('WRITE', work, timeoutMs, undefined, 'a write');
  }

  /** The database answers: within a connection timeout, a handshake and a second, or StoreUnavailableError. */
  async verifyConnectivity(): Promise<void> {
    const watchdog = this.watchdog(this.settings.connectionTimeoutMs);
    try {
      await Promise.race([this.guard(() => this.driver.verifyConnectivity({ database: this.settings.database })), watchdog.fired]);
    } finally {
      watchdog.stop();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.driver.close();
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>, timeoutMs: number, call: CallOptions | undefined, what: string): Promise<T> {
    let firstFailure: number | undefined;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new StoreUnavailableError(`The Neo4j store for ${this.settings.uri} is closed.`);
      if (isOver(call)) throw timeoutError(what);
      const started = Date.now();
      try {
        return await this.attempt(mode, work, timeoutMs, call, what);
      } catch (error) {
        firstFailure ??= Date.now();
        const pause = RETRY_PAUSES_MS[attempt];
        const cause = (error as { cause?: unknown }).cause ?? error;
        const retriable = cause instanceof Neo4jError && Neo4jError.isRetriable(cause) && !this.closed;
        // A database that took a whole connection timeout to fail is not answering: trying again only doubles the wait.
        const silent = error instanceof StoreUnavailableError && Date.now() - started >= this.settings.connectionTimeoutMs;
        if (!retriable || silent || pause === undefined || Date.now() + pause - firstFailure > RETRY_BUDGET_MS) throw error;
        const left = timeLeft(call);
        if (left !== undefined && left <= pause) throw error;
        await sleep(pause);
      }
    }
  }

  /**
   * One try: a session, a transaction whose timeout is the query timeout or the time
   * left before the call's deadline, whichever is shorter, and the work. When the call's
   * signal aborts, the call rejects at once with TimeoutError and the session closes,
   * which resets its connection: the server ends the transaction there and then.
   */
  private async attempt<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>, timeoutMs: number, call: CallOptions | undefined, what: string): Promise<T> {
    const left = timeLeft(call);
    const timeout = Math.max(MIN_TIMEOUT_MS, Math.ceil(left === undefined ? timeoutMs : Math.min(timeoutMs, left)));
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const byDeadline = left !== undefined && left < timeoutMs;
    const running = this.guard(() => this.inTransaction(session, work, timeout, mode), { what, timeoutMs: timeout, byDeadline });
    let settled = false;
    running.then(() => (settled = true), () => (settled = true));
    const abort = whenAborted(call);
    const watchdog = this.watchdog(timeout);
    try {
      return await Promise.race([running, abort.aborted.then(() => Promise.reject(timeoutError(what))), watchdog.fired]);
    } finally {
      abort.stop();
      watchdog.stop();
      // Closing resets a connection whose transaction still runs; a session on a lost
      // connection may fail to close, or hang: the call's outcome matters more.
      const closing = session.close().catch(() => undefined);
      if (settled) await closing;
    }
  }

  private async inTransaction<T>(session: Session, work: (tx: Tx) => Promise<T>, timeout: number, mode: 'READ' | 'WRITE'): Promise<T> {
    // A read is one statement: run as an auto-commit transaction, it is one round trip, not
    // two (BEGIN with it, then COMMIT), with the same timeout.
    if (mode === 'READ') return work({ run: (query, parameters) => session.run(query, parameters, { timeout }) });
    const tx = session.beginTransaction({ timeout });
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw error;
    }
  }

  /**
   * The server ends a transaction at its timeout and the driver gives up on a
   * refused or reset connection, but a database that vanishes without a word (a
   * partition, a frozen host) leaves the socket waiting forever. Past the time
   * the server and one connection could take, the call fails.
   */
  private watchdog(timeoutMs: number): { fired: Promise<never>; stop: () => void } {
    const deadlineMs = timeoutMs + this.settings.connectionTimeoutMs + 1000;
    let timer: NodeJS.Timeout | undefined;
    const fired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`The Neo4j database at ${this.settings.uri} did not answer within ${deadlineMs} ms.`)),
        deadlineMs,
      );
    });
    return { fired, stop: () => clearTimeout(timer) };
  }

  private async guard<T>(call: () => Promise<T>, context?: Omit<TranslationContext, 'uri'>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translateDriverError(error, { uri: this.settings.uri, ...context });
    }
  }
}
