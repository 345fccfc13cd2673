/**
 * Who may do what to one wish, as pure functions of the wish and the actor: the server decides
 * with them, and the detail page shows exactly the buttons they allow. Two checks, both needed:
 * the permission rule (right person, right estate) and the state table (right state, right party).
 */
import { can, type Actor, type Target } from '../auth/permissions';
import { WISH_ACTIONS, WISH_TRANSITIONS, nextWishStatus, type WishAction, type WishParty, type WishStatus } from './types';

export interface WishFacts {
  estateId: string;
  authorId: string;
  claimerId: string | null;
  status: WishStatus;
}

export const wishTarget = (w: WishFacts): Target => ({ estateId: w.estateId, ownerId: w.authorId, assigneeId: w.claimerId });

/** The capacities the actor holds on this wish (none outside its estate). */
export function partiesOf(w: WishFacts, actor: Actor): WishParty[] {
  if (actor.estateId !== w.estateId) return [];
  const parties: WishParty[] = [];
  const author = w.authorId === actor.userId;
  if (author) parties.push('author');
  if (w.claimerId && w.claimerId === actor.userId) parties.push('claimer');
  if (!author && actor.roles.has('volunteer')) parties.push('volunteer');
  if (actor.roles.has('branch') || actor.roles.has('community')) parties.push('staff');
  if (actor.roles.size > 0) parties.push('resident');
  return parties;
}

/** The capacity in which the actor may do `act` on the wish as it stands, or null. */
export function partyFor(w: WishFacts, actor: Actor, act: WishAction): WishParty | null {
  if (act === 'expire') return null; // the timer's alone
  if (!can(actor, `wish.${act}`, wishTarget(w))) return null;
  return partiesOf(w, actor).find((p) => nextWishStatus(w.status, act, p) !== null) ?? null;
}

/** Whether the actor is the right person for `act` in some state (so a refusal is about the state, not them). */
export function mayEver(w: WishFacts, actor: Actor, act: WishAction): boolean {
  if (!can(actor, `wish.${act}`, wishTarget(w))) return false;
  const parties = partiesOf(w, actor);
  return Object.values(WISH_TRANSITIONS).some((moves) => moves[act]?.by.some((p) => parties.includes(p)));
}

/** Every action the actor may take on the wish now. */
export const wishActionsFor = (w: WishFacts, actor: Actor): WishAction[] => WISH_ACTIONS.filter((a) => partyFor(w, actor, a) !== null);
