import { AUTH_LIMITS } from '../domain/limits';

/**
 * Failed authentications per client address, in fixed windows: after `maxFailures` within
 * `windowMs` of a client's first failure, that client is refused until the window ends.
 * Held in memory, per process; at most `maxClients` addresses, the least recently failing forgotten first.
 */
export class FailedAttempts {
  private readonly clients = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limits: { maxFailures: number; windowMs: number; maxClients: number } = AUTH_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds before `client` may try again; 0 when it may now. */
  retryAfterSeconds(client: string): number {
    const entry = this.clients.get(client);
    if (!entry) return 0;
    const left = entry.since + this.limits.windowMs - this.now();
    if (left <= 0) {
      this.clients.delete(client);
      return 0;
    }
    return entry.count >= this.limits.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  fail(client: string): void {
    const now = this.now();
    let entry = this.clients.get(client);
    if (!entry || now - entry.since >= this.limits.windowMs) entry = { count: 0, since: now };
    entry.count++;
    this.clients.delete(client);
    this.clients.set(client, entry);
    if (this.clients.size > this.limits.maxClients) this.clients.delete(this.clients.keys().next().value!);
  }
}
