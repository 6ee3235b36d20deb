import { AppError } from '../http/errors';
import type { Actor } from '../access/roles';

/**
 * Data scope, the second half of authorization (the route table holds the first: roles).
 * Services call these with the actor before touching scoped data.
 */

/** Staff of an institution act only for their own; the platform admin for any. */
export function actsForInstitution(actor: Actor | null, institutionId: string): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  return (actor.role === 'institution_admin' || actor.role === 'officer') && actor.institutionId === institutionId;
}

export function assertActsForInstitution(actor: Actor, institutionId: string): void {
  if (!actsForInstitution(actor, institutionId)) throw new AppError('FORBIDDEN');
}
