import { createHash, randomBytes } from 'node:crypto';
import { BadInputError } from './errors';

/**
 * API tokens: who may do what. A token is a random secret handed out once; stores keep
 * only its hash. Roles are ordered: each one may do what the roles before it may.
 */
export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** READ_ACCESS: `public`, anyone may query; `token`, only requests with a valid token. */
export const READ_ACCESS = ['public', 'token'] as const;
export type ReadAccess = (typeof READ_ACCESS)[number];

/** Who sent a request: the name and role of its token. `null` in a context means anonymous. */
export interface Caller {
  name: string;
  role: Role;
}

/** What a store says about a token: never its secret or hash. Times are ISO 8601 (UTC). */
export interface TokenInfo extends Caller {
  created: string;
  revoked: string | null;
  lastUsed: string | null;
}

/** A token's name: what the logs and the history show for its holder. */
export const TOKEN_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `needed` may: admin ≥ editor. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function checkTokenName(name: string): string {
  if (!TOKEN_NAME.test(name)) {
    throw new BadInputError(`A token name is 1 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit; got "${name.slice(0, 80)}".`, 'name');
  }
  return name;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw new BadInputError(`A token role is one of ${ROLES.join(', ')}; got "${role.slice(0, 80)}".`, 'role');
  return role;
}

/** The hash a store keeps for a secret: SHA-256, base64url. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** A new secret (32 random bytes, base64url) and its hash. */
export function newTokenSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret) };
}

/** A secret as newTokenSecret makes them: 43 base64url characters. Anything else is refused unread. */
export const TOKEN_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** How often a token's last use is written at most: a read per request, a write per token per period. */
export const LAST_USED_PERIOD_MS = 60_000;
