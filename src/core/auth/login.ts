import { outcome, type Outcome } from '../shared/events';
import type { Clock, Store } from '../shared/ports';
import type { IdGenerator } from '../shared/ids';
import type { LoginResult } from './api';
import { COLLECTIONS, type Caller, type Identity, type RoleGrant, type User } from './types';

export interface LoginDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
}

/** A new user's display name until they bind to a home: 微信用户 and the id's last four. */
const defaultName = (userId: string) => `微信用户${userId.slice(-4)}`;

/**
 * Finds or creates the user behind the caller's OPENID. Two first logins racing each other
 * make one user: the identity document is keyed by the OPENID, inside one transaction.
 */
export async function login(deps: LoginDeps, caller: Caller): Promise<Outcome<LoginResult>> {
  const now = deps.clock.now();
  const { user, isNew } = await deps.store.transaction(async (tx) => {
    const identity = await tx.get<Identity>(COLLECTIONS.identities, caller.openid);
    const existing = identity ? await tx.get<User>(COLLECTIONS.users, identity.userId) : null;
    if (identity && existing) {
      await tx.update(COLLECTIONS.users, existing._id, { set: { lastLoginAt: now } });
      return { user: { ...existing, lastLoginAt: now }, isNew: false };
    }
    // An identity whose user is missing can only come from a failed earlier write: heal it.
    const userId = identity?.userId ?? deps.ids.newId();
    const created: User = { _id: userId, name: defaultName(userId), currentEstateId: null, createdAt: now, lastLoginAt: now };
    await tx.insert(COLLECTIONS.users, { ...created });
    if (!identity) await tx.insert(COLLECTIONS.identities, { _id: caller.openid, userId, createdAt: now });
    return { user: created, isNew: true };
  });

  const grants = await deps.store.find<RoleGrant>(COLLECTIONS.roles, { where: { userId: user._id }, limit: 100 });
  const roles = grants.items.map(({ estateId, role, partyMember, chair }) => ({
    estateId,
    role,
    ...(partyMember ? { partyMember } : {}),
    ...(chair ? { chair } : {}),
  }));
  const events = isNew ? [{ type: 'user.registered', estateId: null, at: now, payload: { userId: user._id } }] : [];
  return outcome(
    { user: { id: user._id, name: user.name, currentEstateId: user.currentEstateId, createdAt: user.createdAt }, roles, isNew },
    events,
  );
}
