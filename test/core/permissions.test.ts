import { can, type Actor } from '../../src/core/auth/permissions';
import { nextBindingStatus, BINDING_STATUSES, type BindingAction } from '../../src/core/binding/types';

const actor = (roles: Actor['roles'] extends ReadonlySet<infer R> ? R[] : never, estateId: string | null = 'A'): Actor => ({ userId: 'u1', estateId, roles: new Set(roles) });

describe('permission rules', () => {
  it('deny by default: an action without a rule is refused to everyone', () => {
    expect(can(actor(['community', 'branch', 'property']), 'estate.dropEverything')).toBe(false);
    expect(can(actor(['community']), '')).toBe(false);
  });

  it('judge a target in another estate as outside the actor’s roles', () => {
    expect(can(actor(['branch']), 'binding.approve', { estateId: 'A' })).toBe(true);
    expect(can(actor(['branch']), 'binding.approve', { estateId: 'B' })).toBe(false);
    expect(can(actor(['branch'], null), 'binding.approve', { estateId: 'A' })).toBe(false);
  });

  it('let nobody assign a role to themselves, and only the applicant withdraw', () => {
    expect(can(actor(['community']), 'role.assign', { estateId: 'A', ownerId: 'u2' })).toBe(true);
    expect(can(actor(['community']), 'role.assign', { estateId: 'A', ownerId: 'u1' })).toBe(false);
    expect(can(actor([]), 'binding.withdraw', { estateId: 'A', ownerId: 'u1' })).toBe(true);
    expect(can(actor(['community']), 'binding.withdraw', { estateId: 'A', ownerId: 'u2' })).toBe(false);
  });
});

describe('the binding state table', () => {
  it('moves only from pending, and each action to its own state', () => {
    const table = Object.fromEntries(
      BINDING_STATUSES.map((s) => [s, Object.fromEntries((['approve', 'reject', 'withdraw'] as BindingAction[]).map((a) => [a, nextBindingStatus(s, a)]))]),
    );
    expect(table).toEqual({
      pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
      approved: { approve: null, reject: null, withdraw: null },
      rejected: { approve: null, reject: null, withdraw: null },
      withdrawn: { approve: null, reject: null, withdraw: null },
    });
  });
});
