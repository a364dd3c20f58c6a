import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import { roleAtLeast, type Caller, type Role } from '../domain/tokens';
import type { Context } from './context';

/**
 * The first line of every resolver that changes something: the caller, when its token has
 * at least `role` (admin ≥ editor); UNAUTHENTICATED without a token, FORBIDDEN with too small a role.
 */
export function requireRole(context: Pick<Context, 'caller'>, role: Role): Caller {
  const caller = context.caller;
  if (!caller) throw new UnauthenticatedError(`This operation needs a token with the ${role} role: send Authorization: Bearer <token>.`);
  if (!roleAtLeast(caller.role, role)) {
    throw new ForbiddenError(`The token "${caller.name}" has the ${caller.role} role; this operation needs the ${role} role.`);
  }
  return caller;
}
