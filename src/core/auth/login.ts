import { outcome, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store } from '../shared/ports';
import type { Estate } from '../estate/types';
import type { Binding } from '../binding/types';
import type { LoginResult } from './api';
import { authorize, type Session } from './session';
import { COLLECTIONS, type Caller, type Identity, type RoleGrant, type User } from './types';

/** A new user's display name until they bind to a home: 微信用户 and the id's last four. */
const defaultName = (userId: string) => `微信用户${userId.slice(-4)}`;

/** The user, all their roles, and the estates they belong to (a role or a live binding there). */
async function sessionView(store: Store, user: User, isNew: boolean): Promise<LoginResult> {
  const grants = (await store.find<RoleGrant>(COLLECTIONS.roles, { where: { userId: user._id }, limit: 100 })).items;
  const bindings = (await store.find<Binding>(COLLECTIONS.bindings, { where: { userId: user._id, status: { $in: ['pending', 'approved'] } }, limit: 100 })).items;
  const estateIds = [...new Set([...grants.map((g) => g.estateId), ...bindings.map((b) => b.estateId), ...(user.currentEstateId ? [user.currentEstateId] : [])])];
  const estates = estateIds.length ? (await store.find<Estate>(COLLECTIONS.estates, { where: { _id: { $in: estateIds } }, limit: 100 })).items : [];
  return {
    user: { id: user._id, name: user.name, currentEstateId: user.currentEstateId, createdAt: user.createdAt },
    roles: grants.map(({ estateId, role, partyMember, chair }) => ({ estateId, role, ...(partyMember ? { partyMember } : {}), ...(chair ? { chair } : {}) })),
    estates: estates.map((e) => ({ id: e._id, name: e.name })),
    isNew,
  };
}

/**
 * Finds or creates the user behind the caller's OPENID. Two first logins racing each other
 * make one user: the identity document is keyed by the OPENID, inside one transaction.
 */
export async function login(deps: CoreDeps, caller: Caller): Promise<Outcome<LoginResult>> {
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
  const events = isNew ? [{ type: 'user.registered', estateId: null, at: now, payload: { userId: user._id } }] : [];
  return outcome(await sessionView(deps.store, user, isNew), events);
}

/** Acting in another estate: where the user holds no role they are a visitor there. */
export async function switchEstate(deps: CoreDeps, { actor, user }: Session, input: { estateId: string }): Promise<Outcome<LoginResult>> {
  authorize(actor, 'auth.switchEstate');
  if (!(await deps.store.get<Estate>(COLLECTIONS.estates, input.estateId))) throw new AppError('NOT_FOUND', '没有找到这个小区');
  await deps.store.update(COLLECTIONS.users, user._id, { set: { currentEstateId: input.estateId } });
  return outcome(await sessionView(deps.store, { ...user, currentEstateId: input.estateId }, false));
}
