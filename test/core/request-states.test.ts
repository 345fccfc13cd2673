/**
 * The request state table: every (state, action, party) triple against DESIGN.md's loop, written
 * out here independently; the reopen and transfer paths; and the actions real people get.
 */
import type { Actor } from '../../src/core/auth/permissions';
import type { Role } from '../../src/core/auth/types';
import { requestActions } from '../../src/core/request/usecases';
import { REQUEST_ACTIONS, REQUEST_PARTIES, REQUEST_STATUSES, nextRequestStatus, type RequestAction, type RequestParty, type RequestStatus, type ServiceRequest } from '../../src/core/request/types';

const ALLOWED: Array<[RequestStatus, RequestAction, RequestParty, RequestStatus]> = [
  ['submitted', 'accept', 'property', 'accepted'],
  ['submitted', 'transfer', 'property', 'transferred'],
  ['submitted', 'withdraw', 'author', 'withdrawn'],
  ['reopened', 'accept', 'property', 'accepted'],
  ['reopened', 'transfer', 'property', 'transferred'],
  ['transferred', 'accept', 'community', 'accepted'],
  ['accepted', 'resolve', 'property', 'resolved'],
  ['accepted', 'resolve', 'community', 'resolved'],
  ['resolved', 'confirm', 'author', 'closed'],
  ['resolved', 'reopen', 'author', 'reopened'],
  ['resolved', 'autoClose', 'system', 'closed'],
];

const triples = REQUEST_STATUSES.flatMap((s) => REQUEST_ACTIONS.flatMap((a) => REQUEST_PARTIES.map((p): [RequestStatus, RequestAction, RequestParty] => [s, a, p])));

it.each(triples)('%s --%s--> by %s', (status, action, party) => {
  const allowed = ALLOWED.find(([s, a, p]) => s === status && a === action && p === party);
  expect(nextRequestStatus(status, action, party)).toBe(allowed ? allowed[3] : null);
});

it('walks the reopen path back to accepted, and the transfer path through the community', () => {
  const walk = (steps: Array<[RequestAction, RequestParty]>) => steps.reduce<RequestStatus | null>((s, [a, p]) => (s ? nextRequestStatus(s, a, p) : null), 'submitted');
  expect(walk([['accept', 'property'], ['resolve', 'property'], ['reopen', 'author'], ['accept', 'property'], ['resolve', 'property'], ['confirm', 'author']])).toBe('closed');
  expect(walk([['transfer', 'property'], ['accept', 'community'], ['resolve', 'community'], ['confirm', 'author']])).toBe('closed');
  expect(walk([['accept', 'property'], ['resolve', 'property'], ['reopen', 'author'], ['transfer', 'property'], ['accept', 'community']])).toBe('accepted');
});

it('never lets staff close a request: only the resident, or the timeout', () => {
  for (const s of REQUEST_STATUSES) for (const p of ['property', 'community'] as RequestParty[]) for (const a of REQUEST_ACTIONS) expect(nextRequestStatus(s, a, p)).not.toBe('closed');
});

describe('the actions each person gets, by state', () => {
  const AUTHOR = 'u-author';
  const actor = (userId: string, roles: Role[], estateId = 'e1'): Actor => ({ userId, estateId, roles: new Set(roles) });
  const request = (status: RequestStatus) => ({ estateId: 'e1', authorId: AUTHOR, status }) as ServiceRequest;
  const people: Array<[string, Actor]> = [
    ['author', actor(AUTHOR, ['resident'])],
    ['another resident', actor('u-r', ['resident'])],
    ['property', actor('u-p', ['property'])],
    ['community', actor('u-c', ['community'])],
    ['committee', actor('u-m', ['committee'])],
    ['branch', actor('u-b', ['branch'])],
    ['visitor', actor('u-v', [])],
    ['property of another estate', actor('u-x', ['property'], 'e2')],
  ];
  const EXPECTED: Partial<Record<RequestStatus, Record<string, RequestAction[]>>> = {
    submitted: { author: ['withdraw'], property: ['accept', 'transfer'] },
    reopened: { property: ['accept', 'transfer'] },
    transferred: { community: ['accept'] },
    accepted: { property: ['resolve'], community: ['resolve'] },
    resolved: { author: ['confirm', 'reopen'] },
  };
  const cases = REQUEST_STATUSES.flatMap((s) => people.map(([w]): [RequestStatus, string] => [s, w]));
  it.each(cases)('%s: %s', (status, who) => {
    const a = people.find(([w]) => w === who)![1];
    expect(requestActions(request(status), a).sort()).toEqual([...(EXPECTED[status]?.[who] ?? [])].sort());
  });
});
