/**
 * Who may do what: one named, pure rule per action, deny by default. The server enforces these
 * (every handler asks `can` before it acts); the client asks the same rules to show or hide a
 * button. A rule sees the actor's roles in their current estate only, and every rule that
 * touches a thing first checks the thing is in that estate.
 */
import type { Role } from './types';

export interface Actor {
  userId: string;
  /** The estate the actor is acting in; null before they have chosen one. */
  estateId: string | null;
  /** Roles held in `estateId` (empty: an unverified visitor there). */
  roles: ReadonlySet<Role>;
}

/** What an action is about: the estate it belongs to, and whose it is where that matters. */
export interface Target {
  estateId: string;
  ownerId?: string;
  /** Who it is assigned to, where that matters (a wish's claimer). */
  assigneeId?: string | null;
}

type Rule = (actor: Actor, target?: Target) => boolean;

const inEstate = (a: Actor, t?: Target) => a.estateId !== null && (t === undefined || t.estateId === a.estateId);
const holds = (...roles: Role[]) => (a: Actor) => roles.some((r) => a.roles.has(r));
const staffOf =
  (...roles: Role[]): Rule =>
  (a, t) =>
    inEstate(a, t) && holds(...roles)(a);

/** The bodies that publish notices (党支部, 业委会, 物业, 社区). */
const PUBLISHERS: Role[] = ['branch', 'committee', 'property', 'community'];

const anyUser: Rule = () => true;
/** Acting in an estate, verified or not (a visitor may apply to bind there). */
const inCurrentEstate: Rule = (a, t) => inEstate(a, t);
const ownerOfTarget: Rule = (a, t) => inEstate(a, t) && t?.ownerId === a.userId;
const assigneeOfTarget: Rule = (a, t) => inEstate(a, t) && !!t?.assigneeId && t.assigneeId === a.userId;
/** Holding any role in the estate: verified there (a visitor holds none). */
const verified: Rule = (a, t) => inEstate(a, t) && a.roles.size > 0;
/** Who runs the volunteer scheme (微心愿 review, points, 先锋银行): the party branch and the community. */
const WISH_STAFF: Role[] = ['branch', 'community'];
/** The three reviews' signatories (三审): branch, committee and property, and the community's meeting. */
const REVIEWERS: Role[] = ['branch', 'committee', 'property', 'community'];

export const RULES = {
  'auth.login': anyUser,
  'auth.switchEstate': anyUser,
  'estate.list': anyUser,
  'estate.create': staffOf('community'),
  'estate.importHomes': staffOf('community'),
  'estate.homes': inCurrentEstate,
  'binding.apply': inCurrentEstate,
  'binding.mine': anyUser,
  'binding.pending': staffOf('branch', 'property', 'community'),
  'binding.approve': staffOf('branch', 'property', 'community'),
  'binding.reject': staffOf('branch', 'property', 'community'),
  'binding.withdraw': ownerOfTarget,
  /** Reading names and phones of the person behind a binding: its applicant and the reviewers. */
  'binding.seeContact': (a, t) => ownerOfTarget(a, t) || staffOf('branch', 'property', 'community')(a, t),
  'role.list': staffOf('branch', 'committee', 'property', 'community'),
  'role.assign': (a, t) => staffOf('community')(a, t) && t?.ownerId !== a.userId,
  /** Not one's own: a community worker could otherwise lock the estate out of its own register. */
  'role.revoke': (a, t) => staffOf('community')(a, t) && t?.ownerId !== a.userId,
  'role.history': staffOf('community'),
  'role.people': staffOf('community'),
  'notice.create': staffOf(...PUBLISHERS),
  'notice.drafts': staffOf(...PUBLISHERS),
  /** A notice is changed only by its author, while they still hold a publishing role there. */
  'notice.update': (a, t) => ownerOfTarget(a, t) && staffOf(...PUBLISHERS)(a, t),
  'notice.publish': (a, t) => ownerOfTarget(a, t) && staffOf(...PUBLISHERS)(a, t),
  'notice.withdraw': (a, t) => ownerOfTarget(a, t) && staffOf(...PUBLISHERS)(a, t),
  'notice.unread': (a, t) => ownerOfTarget(a, t) && staffOf(...PUBLISHERS)(a, t),
  /** Reading: anyone acting in the estate; which notices they see is the audience's business. */
  'notice.list': inCurrentEstate,
  'notice.get': inCurrentEstate,
  'notice.history': inCurrentEstate,
  /** One's own inbox and notification settings, in whatever estate. */
  'inbox.list': anyUser,
  'inbox.unreadCount': anyUser,
  'inbox.markRead': anyUser,
  'inbox.markAllRead': anyUser,
  'inbox.grant': anyUser,
  'inbox.prefs': anyUser,
  'inbox.setPrefs': anyUser,
  /** Residents post wishes; every verified person reads the wall; pending ones wait for staff. */
  'wish.post': staffOf('resident'),
  'wish.list': verified,
  'wish.mine': verified,
  'wish.get': verified,
  'wish.claims': staffOf('volunteer'),
  'wish.pending': staffOf(...WISH_STAFF),
  'wish.approve': staffOf(...WISH_STAFF),
  'wish.reject': staffOf(...WISH_STAFF),
  /** Nobody claims their own wish. */
  'wish.claim': (a, t) => staffOf('volunteer')(a, t) && t?.ownerId !== a.userId,
  'wish.release': assigneeOfTarget,
  'wish.fulfil': assigneeOfTarget,
  'wish.confirm': ownerOfTarget,
  'wish.dispute': ownerOfTarget,
  'wish.cancel': ownerOfTarget,
  /** Staff see authors' names and contact details whatever the author chose (they coordinate help). */
  'wish.seeContact': staffOf(...WISH_STAFF),
  'points.mine': verified,
  'points.ranking': verified,
  'points.rewards': verified,
  'points.myRedemptions': verified,
  'points.redeem': staffOf('volunteer'),
  'points.volunteers': staffOf(...WISH_STAFF),
  'points.ledger': staffOf(...WISH_STAFF),
  'points.credit': (a, t) => staffOf(...WISH_STAFF)(a, t) && t?.ownerId !== a.userId,
  'points.reverse': (a, t) => staffOf(...WISH_STAFF)(a, t) && t?.ownerId !== a.userId,
  'points.configure': staffOf(...WISH_STAFF),
  'points.saveReward': staffOf(...WISH_STAFF),
  'points.redemptions': staffOf(...WISH_STAFF),
  'points.handOver': staffOf(...WISH_STAFF),
  'points.cancelRedemption': staffOf(...WISH_STAFF),
  'points.seeRetired': staffOf(...WISH_STAFF),
  /** Proposals: raised by owners and the property company; read and discussed by every verified person. */
  'proposal.create': staffOf('owner', 'property'),
  'proposal.update': (a, t) => ownerOfTarget(a, t) && staffOf('owner', 'property')(a, t),
  'proposal.submit': (a, t) => ownerOfTarget(a, t) && staffOf('owner', 'property')(a, t),
  'proposal.withdraw': ownerOfTarget,
  'proposal.list': verified,
  'proposal.get': verified,
  'proposal.verify': verified,
  'proposal.comments': verified,
  'proposal.comment': verified,
  /** Reviews: the state table says which of these roles signs which step. */
  'proposal.accept': staffOf(...REVIEWERS),
  'proposal.approve': staffOf(...REVIEWERS),
  'proposal.reject': staffOf(...REVIEWERS),
  'proposal.returnForRevision': staffOf(...REVIEWERS),
  /** Official positions of the four parties; owners speak as residents' representatives. */
  'proposal.position': staffOf('branch', 'committee', 'property', 'owner'),
  'proposal.attachPoll': (a, t) => ownerOfTarget(a, t) || staffOf(...REVIEWERS)(a, t),
  'proposal.answerPoll': staffOf('resident'),
  'proposal.openVote': staffOf('community'),
  'proposal.closeVote': staffOf('community'),
  'proposal.implement': (a, t) => ownerOfTarget(a, t) || staffOf('committee', 'property')(a, t),
  'proposal.progress': (a, t) => ownerOfTarget(a, t) || staffOf('committee', 'property')(a, t),
  'proposal.complete': (a, t) => ownerOfTarget(a, t) || staffOf('committee', 'property')(a, t),
  /** Votes: who may vote is the electoral roll's business (owners, committee members, homes). */
  'vote.status': verified,
  'vote.cast': verified,
  'vote.paper': staffOf('committee'),
  'vote.nonVoters': staffOf('committee'),
  /** Requests: residents raise them; the property company handles them, the community takes transfers and escalations. */
  'request.submit': staffOf('resident'),
  'request.similar': staffOf('resident'),
  'request.support': staffOf('resident'),
  'request.withdraw': ownerOfTarget,
  'request.mine': verified,
  /** The resident who raised it, and those who handle requests; nobody else reads a neighbour's request. */
  'request.get': (a, t) => ownerOfTarget(a, t) || staffOf('property', 'community')(a, t),
  'request.queue': staffOf('property', 'community'),
  'request.staff': staffOf('property'),
  'request.accept': staffOf('property', 'community'),
  'request.note': staffOf('property', 'community'),
  'request.transfer': staffOf('property'),
  'request.resolve': staffOf('property', 'community'),
  'request.confirm': ownerOfTarget,
  'request.reopen': ownerOfTarget,
  'request.dashboard': staffOf('property', 'committee', 'community'),
  'request.export': staffOf('property', 'committee', 'community'),
  'request.settings': staffOf('property', 'committee', 'community'),
  'request.configure': staffOf('community'),
  /** Publishers see every notice of their estate, whatever its audience. */
  'notice.seeAllAudiences': staffOf(...PUBLISHERS),
} satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

/** Deny by default: an action with no rule is refused. */
export function can(actor: Actor, permission: Permission | string, target?: Target): boolean {
  const rule = (RULES as Record<string, Rule | undefined>)[permission];
  return rule ? rule(actor, target) : false;
}
