/**
 * Who may move a proposal now, and in which role: pure, shared by the server (to decide) and the
 * detail page (to show exactly those buttons). Two checks, both needed: the permission rule
 * (right person, right estate) and the state table (right state, right role, not signed yet).
 */
import { can, type Actor, type Target } from '../auth/permissions';
import type { ProposalMove } from './api';
import { PROPOSAL_ACTIONS, PROPOSAL_TRANSITIONS, nextProposalStatus, type Proposal, type ProposalAction, type ProposalParty } from './types';

export type ProposalFacts = Pick<Proposal, 'estateId' | 'authorId' | 'status' | 'signed' | 'decision'> & { signers?: string[] };

export const proposalTarget = (p: Pick<Proposal, 'estateId' | 'authorId'>): Target => ({ estateId: p.estateId, ownerId: p.authorId });

/** What the moment allows besides the table: the vote's window, and whether everyone has voted. */
export interface Moment {
  now: number;
  allVoted?: boolean;
}

/** The parties the actor may act as on this proposal: author, and each role they hold. */
function partiesOf(p: ProposalFacts, actor: Actor): ProposalParty[] {
  if (actor.estateId !== p.estateId) return [];
  return [...(p.authorId === actor.userId ? (['author'] as ProposalParty[]) : []), ...actor.roles];
}

function timely(p: ProposalFacts, act: ProposalAction, m: Moment): boolean {
  if (act === 'openVote') return !!p.decision && m.now >= p.decision.startsAt;
  if (act === 'closeVote') return !!p.decision && (m.now >= p.decision.endsAt || m.allVoted === true);
  return true;
}

/** Whether the actor may do `act` as `party` now; the reason a refusal is about the state, not them. */
export function mayMove(p: ProposalFacts, actor: Actor, act: ProposalAction, party: ProposalParty, m: Moment): boolean {
  if (party === 'system' || !partiesOf(p, actor).includes(party)) return false;
  if (!can(actor, `proposal.${act}`, proposalTarget(p))) return false;
  if (nextProposalStatus(p.status, act, party, p.signed) === null) return false;
  // At a joint step each party signs by a different person: nobody signs for two.
  if (PROPOSAL_TRANSITIONS[p.status]?.[act]?.jointly && p.signers?.includes(actor.userId)) return false;
  return timely(p, act, m);
}

/** Whether the actor could ever do `act` as `party` (right person), whatever the state. */
export function mayEverMove(p: ProposalFacts, actor: Actor, act: ProposalAction, party: ProposalParty): boolean {
  if (!partiesOf(p, actor).includes(party) || !can(actor, `proposal.${act}`, proposalTarget(p))) return false;
  return Object.values(PROPOSAL_TRANSITIONS).some((moves) => moves[act]?.by.includes(party));
}

/** Every move the actor may make now, each in the role it needs. */
export function proposalMoves(p: ProposalFacts, actor: Actor, m: Moment): ProposalMove[] {
  const out: ProposalMove[] = [];
  for (const action of PROPOSAL_ACTIONS) {
    const move = PROPOSAL_TRANSITIONS[p.status]?.[action];
    if (!move) continue;
    for (const as of move.by) if (mayMove(p, actor, action, as, m)) out.push({ action, as });
  }
  return out;
}
