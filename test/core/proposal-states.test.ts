/**
 * The proposal state table, checked exhaustively: every (state, action, party) triple against
 * the path DESIGN.md describes (一议三审三公开), written out here independently of src/core; and
 * the moves real people get from the shared rules, by role.
 */
import type { Actor } from '../../src/core/auth/permissions';
import type { Role } from '../../src/core/auth/types';
import { proposalMoves } from '../../src/core/proposal/rules';
import { PROPOSAL_ACTIONS, PROPOSAL_PARTIES, PROPOSAL_STATUSES, nextProposalStatus, type ProposalAction, type ProposalParty, type ProposalStatus } from '../../src/core/proposal/types';

const REVIEWS: Array<[ProposalStatus, ProposalParty[]]> = [
  ['submitted', ['branch']],
  ['branchReview', ['branch']],
  ['jointReview', ['committee', 'property']],
  ['meetingReview', ['community']],
];

/** (from, action, party) → to, for everything allowed; the joint step is checked below. */
const ALLOWED: Array<[ProposalStatus, ProposalAction, ProposalParty, ProposalStatus]> = [
  ['draft', 'submit', 'author', 'submitted'],
  ['returned', 'submit', 'author', 'submitted'],
  ['submitted', 'accept', 'branch', 'branchReview'],
  ['branchReview', 'approve', 'branch', 'jointReview'],
  ['meetingReview', 'approve', 'community', 'publicized'],
  ...REVIEWS.flatMap(([s, parties]) =>
    parties.flatMap((p): Array<[ProposalStatus, ProposalAction, ProposalParty, ProposalStatus]> => [
      [s, 'reject', p, 'rejected'],
      [s, 'returnForRevision', p, 'returned'],
    ]),
  ),
  ...(['draft', 'returned', 'submitted', 'branchReview', 'jointReview', 'meetingReview'] as ProposalStatus[]).map((s): [ProposalStatus, ProposalAction, ProposalParty, ProposalStatus] => [s, 'withdraw', 'author', 'withdrawn']),
  ['publicized', 'openVote', 'community', 'voting'],
  ['publicized', 'openVote', 'system', 'voting'],
  ['voting', 'closeVote', 'community', 'decided'],
  ['voting', 'closeVote', 'system', 'decided'],
  ...(['author', 'committee', 'property'] as ProposalParty[]).flatMap((p): Array<[ProposalStatus, ProposalAction, ProposalParty, ProposalStatus]> => [
    ['decided', 'implement', p, 'implementing'],
    ['implementing', 'complete', p, 'completed'],
  ]),
];

const triples = PROPOSAL_STATUSES.flatMap((s) => PROPOSAL_ACTIONS.flatMap((a) => PROPOSAL_PARTIES.map((p): [ProposalStatus, ProposalAction, ProposalParty] => [s, a, p])));

it.each(triples)('%s --%s--> by %s', (status, action, party) => {
  if (status === 'jointReview' && action === 'approve') return; // joint: below
  const allowed = ALLOWED.find(([s, a, p]) => s === status && a === action && p === party);
  expect(nextProposalStatus(status, action, party)).toBe(allowed ? allowed[3] : null);
});

describe('the joint review (业委会 and 物业 both sign)', () => {
  it('stays in jointReview on the first signature and moves on the second, in either order', () => {
    expect(nextProposalStatus('jointReview', 'approve', 'committee', [])).toBe('jointReview');
    expect(nextProposalStatus('jointReview', 'approve', 'property', ['committee'])).toBe('meetingReview');
    expect(nextProposalStatus('jointReview', 'approve', 'property', [])).toBe('jointReview');
    expect(nextProposalStatus('jointReview', 'approve', 'committee', ['property'])).toBe('meetingReview');
  });
  it('lets each party sign once, and nobody else sign', () => {
    expect(nextProposalStatus('jointReview', 'approve', 'committee', ['committee'])).toBeNull();
    for (const p of PROPOSAL_PARTIES.filter((x) => x !== 'committee' && x !== 'property')) expect(nextProposalStatus('jointReview', 'approve', p, [])).toBeNull();
  });
});

it('has no way out of completed, rejected or withdrawn', () => {
  for (const s of ['completed', 'rejected', 'withdrawn'] as ProposalStatus[]) for (const a of PROPOSAL_ACTIONS) for (const p of PROPOSAL_PARTIES) expect(nextProposalStatus(s, a, p)).toBeNull();
});

describe('the moves real people get, by role', () => {
  const E = 'e1';
  const AUTHOR = 'u-author';
  const actor = (userId: string, roles: Role[], estateId = E): Actor => ({ userId, estateId, roles: new Set(roles) });
  const proposal = (status: ProposalStatus, signed: ProposalParty[] = []) => ({ estateId: E, authorId: AUTHOR, status, signed, decision: { matter: 'm5' as const, startsAt: 1000, endsAt: 2000 } });
  const people: Array<[string, Actor]> = [
    ['author (owner)', actor(AUTHOR, ['resident', 'owner'])],
    ['resident', actor('u-res', ['resident'])],
    ['owner', actor('u-own', ['resident', 'owner'])],
    ['volunteer', actor('u-vol', ['volunteer'])],
    ['branch', actor('u-branch', ['branch'])],
    ['committee', actor('u-com', ['committee'])],
    ['property', actor('u-prop', ['property'])],
    ['community', actor('u-cty', ['community'])],
    ['visitor', actor('u-vis', [])],
    ['branch of another estate', actor('u-far', ['branch'], 'e2')],
  ];
  const EXPECTED: Partial<Record<ProposalStatus, Record<string, string[]>>> = {
    draft: { 'author (owner)': ['submit:author', 'withdraw:author'] },
    returned: { 'author (owner)': ['submit:author', 'withdraw:author'] },
    submitted: { 'author (owner)': ['withdraw:author'], branch: ['accept:branch', 'reject:branch', 'returnForRevision:branch'] },
    branchReview: { 'author (owner)': ['withdraw:author'], branch: ['approve:branch', 'reject:branch', 'returnForRevision:branch'] },
    jointReview: {
      'author (owner)': ['withdraw:author'],
      committee: ['approve:committee', 'reject:committee', 'returnForRevision:committee'],
      property: ['approve:property', 'reject:property', 'returnForRevision:property'],
    },
    meetingReview: { 'author (owner)': ['withdraw:author'], community: ['approve:community', 'reject:community', 'returnForRevision:community'] },
    publicized: { community: ['openVote:community'] },
    voting: { community: ['closeVote:community'] },
    decided: { 'author (owner)': ['implement:author'], committee: ['implement:committee'], property: ['implement:property'] },
    implementing: { 'author (owner)': ['complete:author'], committee: ['complete:committee'], property: ['complete:property'] },
  };
  const cases = PROPOSAL_STATUSES.flatMap((s) => people.map(([who]): [ProposalStatus, string] => [s, who]));
  it.each(cases)('%s: %s', (status, who) => {
    const a = people.find(([w]) => w === who)![1];
    // At 1500 the vote's window is open: openVote is due, closeVote only once everyone voted.
    const got = proposalMoves(proposal(status), a, { now: 1500, allVoted: true }).map((m) => `${m.action}:${m.as}`);
    expect(got.sort()).toEqual([...(EXPECTED[status]?.[who] ?? [])].sort());
  });

  it('offers the second joint signature only to the party that has not signed', () => {
    const p = proposal('jointReview', ['committee']);
    expect(proposalMoves(p, actor('u-com2', ['committee']), { now: 0 }).map((m) => m.action)).toEqual(['reject', 'returnForRevision']);
    expect(proposalMoves(p, actor('u-prop', ['property']), { now: 0 }).map((m) => m.action)).toContain('approve');
  });

  it('opens a vote only once its window has started, and closes early only when everyone has voted', () => {
    const community = actor('u-cty', ['community']);
    expect(proposalMoves(proposal('publicized'), community, { now: 999 })).toEqual([]);
    expect(proposalMoves(proposal('voting'), community, { now: 1500, allVoted: false })).toEqual([]);
    expect(proposalMoves(proposal('voting'), community, { now: 2000, allVoted: false })).toEqual([{ action: 'closeVote', as: 'community' }]);
  });
});
