/**
 * Who the caller is inside Linli: their user, the estate they act in, their roles there.
 * Every action but login starts here, and every permission check takes the Actor it makes.
 */
import { AppError } from '../shared/errors';
import type { Store } from '../shared/ports';
import { can, type Actor, type Permission, type Target } from './permissions';
import { COLLECTIONS, type Caller, type Identity, type Role, type RoleGrant, type User } from './types';

export interface Session {
  user: User;
  actor: Actor;
  grants: RoleGrant[];
  /** The caller's OPENID, for WeChat services that act per user (the content check). */
  openid?: string;
}

/** One grant per (estate, user, role): its id says so, so granting twice is a no-op. */
export const roleGrantId = (estateId: string, userId: string, role: Role) => `${estateId}.${userId}.${role}`;

export async function loadSession(store: Store, caller: Caller): Promise<Session> {
  const identity = await store.get<Identity>(COLLECTIONS.identities, caller.openid);
  const user = identity ? await store.get<User>(COLLECTIONS.users, identity.userId) : null;
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  const grants = user.currentEstateId
    ? (await store.find<RoleGrant>(COLLECTIONS.roles, { where: { userId: user._id, estateId: user.currentEstateId }, limit: 100 })).items
    : [];
  return { user, grants, openid: caller.openid, actor: { userId: user._id, estateId: user.currentEstateId, roles: new Set(grants.map((g) => g.role)) } };
}

/** Throws FORBIDDEN unless the rule allows it; the message says what is missing, not why not. */
export function authorize(actor: Actor, permission: Permission, target?: Target): void {
  if (can(actor, permission, target)) return;
  throw new AppError('FORBIDDEN', actor.estateId ? '您没有权限进行此操作' : '请先选择所在小区');
}

/** The actor's current estate, for actions that need one (authorize has made sure it is set). */
export const currentEstate = (actor: Actor): string => {
  if (!actor.estateId) throw new AppError('FORBIDDEN', '请先选择所在小区');
  return actor.estateId;
};
