/**
 * The micro-wish state table, checked exhaustively: every (state, action, party) triple, and
 * every (state, action, role of a real person) through the rules the server and the pages share.
 * The expected moves are written out here from DESIGN.md, independently of src/core.
 */
import type { Actor } from '../../src/core/auth/permissions';
import { ROLES, type Role } from '../../src/core/auth/types';
import { partyFor, wishActionsFor } from '../../src/core/wish/rules';
import { WISH_ACTIONS, WISH_PARTIES, WISH_STATUSES, nextWishStatus, type WishAction, type WishParty, type WishStatus } from '../../src/core/wish/types';
import { REDEMPTION_STATUSES, nextRedemptionStatus } from '../../src/core/points/types';

/** DESIGN.md, micro-wish workflow (plus: an author may also cancel a wish still under review). */
const ALLOWED: Array<[WishStatus, WishAction, WishParty, WishStatus]> = [
  ['pending', 'approve', 'staff', 'open'],
  ['pending', 'reject', 'staff', 'rejected'],
  ['pending', 'cancel', 'author', 'cancelled'],
  ['open', 'claim', 'volunteer', 'claimed'],
  ['open', 'cancel', 'author', 'cancelled'],
  ['open', 'expire', 'system', 'expired'],
  ['claimed', 'release', 'claimer', 'open'],
  ['claimed', 'fulfil', 'claimer', 'fulfilled'],
  ['claimed', 'cancel', 'author', 'cancelled'],
  ['fulfilled', 'confirm', 'author', 'confirmed'],
  ['fulfilled', 'dispute', 'author', 'claimed'],
];

const triples = WISH_STATUSES.flatMap((s) => WISH_ACTIONS.flatMap((a) => WISH_PARTIES.map((p): [WishStatus, WishAction, WishParty] => [s, a, p])));

it.each(triples)('%s --%s--> by %s', (status, action, party) => {
  const allowed = ALLOWED.find(([s, a, p]) => s === status && a === action && p === party);
  expect(nextWishStatus(status, action, party)).toBe(allowed ? allowed[3] : null);
});

it('has no way out of a final state', () => {
  for (const final of ['confirmed', 'rejected', 'cancelled', 'expired'] as WishStatus[])
    for (const a of WISH_ACTIONS) for (const p of WISH_PARTIES) expect(nextWishStatus(final, a, p)).toBeNull();
});

describe('the actions each person may take, by state', () => {
  const ESTATE = 'e1';
  const AUTHOR = 'u-author';
  const CLAIMER = 'u-claimer';
  const actor = (userId: string, roles: Role[], estateId: string | null = ESTATE): Actor => ({ userId, estateId, roles: new Set(roles) });
  const wish = (status: WishStatus) => ({ estateId: ESTATE, authorId: AUTHOR, claimerId: ['claimed', 'fulfilled', 'confirmed'].includes(status) ? CLAIMER : null, status });

  /** Who is who: the author (a resident), the claimer (a volunteer), and one person per role. */
  const people: Array<[string, Actor]> = [
    ['author', actor(AUTHOR, ['resident'])],
    ['claimer', actor(CLAIMER, ['resident', 'volunteer'])],
    ...ROLES.map((r): [string, Actor] => [r, actor(`u-${r}`, [r])]),
    ['visitor', actor('u-visitor', [])],
    ['volunteer of another estate', actor('u-far', ['volunteer'], 'e2')],
    ['branch of another estate', actor('u-far2', ['branch'], 'e2')],
  ];

  const EXPECTED: Record<WishStatus, Record<string, WishAction[]>> = {
    pending: { author: ['cancel'], branch: ['approve', 'reject'], community: ['approve', 'reject'] },
    open: { author: ['cancel'], claimer: ['claim'], volunteer: ['claim'] },
    claimed: { author: ['cancel'], claimer: ['release', 'fulfil'] },
    fulfilled: { author: ['confirm', 'dispute'] },
    confirmed: {},
    rejected: {},
    cancelled: {},
    expired: {},
  };

  const cases = WISH_STATUSES.flatMap((s) => people.map(([who]): [WishStatus, string] => [s, who]));
  it.each(cases)('%s wish: %s', (status, who) => {
    const a = people.find(([w]) => w === who)![1];
    const expected = EXPECTED[status][who] ?? [];
    expect([...wishActionsFor(wish(status), a)].sort()).toEqual([...expected].sort());
    for (const act of WISH_ACTIONS) expect(partyFor(wish(status), a, act) !== null).toBe(expected.includes(act));
  });

  it('never lets the author claim their own wish, even as a volunteer', () => {
    expect(wishActionsFor(wish('open'), actor(AUTHOR, ['resident', 'volunteer']))).toEqual(['cancel']);
  });

  it('leaves expiry to the timer alone', () => {
    for (const [, a] of people) expect(partyFor(wish('open'), a, 'expire')).toBeNull();
  });
});

it('moves a redemption only from requested, to handed over or cancelled', () => {
  for (const s of REDEMPTION_STATUSES) {
    expect(nextRedemptionStatus(s, 'handOver')).toBe(s === 'requested' ? 'handedOver' : null);
    expect(nextRedemptionStatus(s, 'cancel')).toBe(s === 'requested' ? 'cancelled' : null);
  }
});
