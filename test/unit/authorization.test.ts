import { ForbiddenError, UnauthenticatedError } from '../../src/domain/errors';
import { roleAtLeast } from '../../src/domain/tokens';
import { maskError } from '../../src/graphql/errors';
import { requireRole } from '../../src/graphql/require-role';
import { FailedAttempts } from '../../src/http/failed-attempts';

describe('requireRole', () => {
  it('answers UNAUTHENTICATED without a caller, FORBIDDEN with too small a role, and the caller otherwise', () => {
    expect(() => requireRole({ caller: null }, 'editor')).toThrow(UnauthenticatedError);
    expect(() => requireRole({ caller: { name: 'alice', role: 'editor' } }, 'admin')).toThrow(ForbiddenError);
    expect(() => requireRole({ caller: { name: 'alice', role: 'editor' } }, 'admin')).toThrow(/"alice" has the editor role; this operation needs the admin role/);
    expect(requireRole({ caller: { name: 'alice', role: 'editor' } }, 'editor')).toEqual({ name: 'alice', role: 'editor' });
    expect(requireRole({ caller: { name: 'root', role: 'admin' } }, 'editor')).toEqual({ name: 'root', role: 'admin' });
    expect(requireRole({ caller: { name: 'root', role: 'admin' } }, 'admin').name).toBe('root');
  });

  it('orders the roles: admin may do what editor may, not the reverse', () => {
    expect([roleAtLeast('admin', 'editor'), roleAtLeast('admin', 'admin'), roleAtLeast('editor', 'editor'), roleAtLeast('editor', 'admin')]).toEqual([true, true, true, false]);
  });

  it('gives clients the codes UNAUTHENTICATED and FORBIDDEN through the one error mapping', () => {
    for (const [error, code] of [[new UnauthenticatedError('no token'), 'UNAUTHENTICATED'], [new ForbiddenError('too small'), 'FORBIDDEN']] as const) {
      const masked = maskError(error, 'Unexpected error.') as { extensions?: { code?: string }; message: string };
      expect(masked.extensions?.code).toBe(code);
      expect(masked.message).toBe(error.message);
    }
  });
});

describe('failed attempts per client', () => {
  it('refuses a client after too many failures in its window, for the rest of the window only, and no other client', () => {
    let now = 1_000_000;
    const failures = new FailedAttempts({ maxFailures: 3, windowMs: 10_000, maxClients: 100 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(failures.retryAfterSeconds('a')).toBe(0);
      failures.fail('a');
    }
    expect(failures.retryAfterSeconds('a')).toBe(10);
    expect(failures.retryAfterSeconds('b')).toBe(0);
    now += 4_500;
    expect(failures.retryAfterSeconds('a')).toBe(6);
    now += 5_500;
    expect(failures.retryAfterSeconds('a')).toBe(0);
    failures.fail('a');
    expect(failures.retryAfterSeconds('a')).toBe(0);
  });

  it('remembers at most maxClients addresses, forgetting the oldest first', () => {
    const failures = new FailedAttempts({ maxFailures: 1, windowMs: 10_000, maxClients: 2 });
    failures.fail('a');
    failures.fail('b');
    failures.fail('c');
    expect(['a', 'b', 'c'].map((c) => failures.retryAfterSeconds(c) > 0)).toEqual([false, true, true]);
  });
});
