/** Staff roles per estate: the community role grants and revokes them; every change is recorded. */
import { outcome, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store } from '../shared/ports';
import { authorize, currentEstate, roleGrantId, type Session } from '../auth/session';
import { COLLECTIONS, type Role, type RoleGrant, type User } from '../auth/types';
import type { PersonView, RoleChangeView, StaffView } from './api';
import { ASSIGNABLE_ROLES } from './types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import { homeLabel } from '../shared/privacy';

interface RoleChange {
  _id: string;
  estateId: string;
  at: number;
  by: string;
  userId: string;
  role: Role;
  change: 'grant' | 'revoke';
}

async function names(store: Store, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const users = await store.find<User>(COLLECTIONS.users, { where: { _id: { $in: [...new Set(userIds)] } }, limit: 100 });
  return new Map(users.items.map((u) => [u._id, u.name]));
}

const staffView = (g: RoleGrant, name: string): StaffView => ({ userId: g.userId, name, role: g.role, partyMember: !!g.partyMember, chair: !!g.chair, grantedAt: g.grantedAt });

export async function listStaff(deps: CoreDeps, { actor }: Session): Promise<Outcome<StaffView[]>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'role.list', { estateId });
  const grants = (await deps.store.find<RoleGrant>(COLLECTIONS.roles, { where: { estateId, role: { $in: [...ASSIGNABLE_ROLES] } }, orderBy: [['role', 'asc']], limit: 100 })).items;
  const byId = await names(deps.store, grants.map((g) => g.userId));
  return outcome(grants.map((g) => staffView(g, byId.get(g.userId) ?? '')));
}

export async function assignRole(
  deps: CoreDeps,
  { actor }: Session,
  input: { userId: string; role: (typeof ASSIGNABLE_ROLES)[number]; partyMember?: boolean; chair?: boolean },
): Promise<Outcome<StaffView>> {
  const estateId = currentEstate(actor);
  if (input.userId === actor.userId) throw new AppError('FORBIDDEN', '不能给自己授予角色');
  authorize(actor, 'role.assign', { estateId, ownerId: input.userId });
  const user = await deps.store.get<User>(COLLECTIONS.users, input.userId);
  if (!user) throw new AppError('NOT_FOUND', '没有找到这个用户');
  const now = deps.clock.now();
  const grant: RoleGrant = {
    _id: roleGrantId(estateId, user._id, input.role),
    estateId,
    userId: user._id,
    role: input.role,
    ...(input.role === 'volunteer' ? { partyMember: !!input.partyMember } : {}),
    ...(input.role === 'committee' ? { chair: !!input.chair } : {}),
    grantedAt: now,
    grantedBy: actor.userId,
  };
  const result = await deps.store.transaction(async (tx) => {
    const old = await tx.get<RoleGrant>(COLLECTIONS.roles, grant._id);
    if (old) {
      await tx.update(COLLECTIONS.roles, grant._id, { set: { partyMember: grant.partyMember ?? false, chair: grant.chair ?? false } });
      return { ...old, partyMember: grant.partyMember, chair: grant.chair };
    }
    await tx.insert(COLLECTIONS.roles, { ...grant });
    const change: RoleChange = { _id: deps.ids.newId(), estateId, at: now, by: actor.userId, userId: user._id, role: input.role, change: 'grant' };
    await tx.insert(COLLECTIONS.roleChanges, { ...change });
    return grant;
  });
  return outcome(staffView(result, user.name), [{ type: 'role.granted', estateId, at: now, payload: { userId: user._id, role: input.role, by: actor.userId } }]);
}

export async function revokeRole(deps: CoreDeps, { actor }: Session, input: { userId: string; role: (typeof ASSIGNABLE_ROLES)[number] }): Promise<Outcome<{ revoked: boolean }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'role.revoke', { estateId, ownerId: input.userId });
  const now = deps.clock.now();
  const revoked = await deps.store.transaction(async (tx) => {
    const id = roleGrantId(estateId, input.userId, input.role);
    if (!(await tx.get(COLLECTIONS.roles, id))) return false;
    await tx.delete(COLLECTIONS.roles, id);
    const change: RoleChange = { _id: deps.ids.newId(), estateId, at: now, by: actor.userId, userId: input.userId, role: input.role, change: 'revoke' };
    await tx.insert(COLLECTIONS.roleChanges, { ...change });
    return true;
  });
  return outcome({ revoked }, revoked ? [{ type: 'role.revoked', estateId, at: now, payload: { userId: input.userId, role: input.role, by: actor.userId } }] : []);
}

export async function roleHistory(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }): Promise<Outcome<{ items: RoleChangeView[]; nextCursor: string | null }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'role.history', { estateId });
  const page = await deps.store.find<RoleChange>(COLLECTIONS.roleChanges, { where: { estateId }, orderBy: [['at', 'desc']], limit: 30, cursor: input.cursor ?? null });
  const byId = await names(deps.store, page.items.flatMap((c) => [c.by, c.userId]));
  return outcome({
    items: page.items.map((c) => ({ id: c._id, at: c.at, byName: byId.get(c.by) ?? '', userName: byId.get(c.userId) ?? '', role: c.role, change: c.change })),
    nextCursor: page.nextCursor,
  });
}

/** Verified people of the estate, one row per approved binding, with the roles they hold there. */
export async function listPeople(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }): Promise<Outcome<{ items: PersonView[]; nextCursor: string | null }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'role.people', { estateId });
  const page = await deps.store.find<Binding>(COLLECTIONS.bindings, { where: { estateId, status: 'approved' }, orderBy: [['createdAt', 'asc']], limit: 30, cursor: input.cursor ?? null });
  const userIds = [...new Set(page.items.map((b) => b.userId))];
  const homes = page.items.length
    ? new Map((await deps.store.find<Home>(COLLECTIONS.homes, { where: { _id: { $in: [...new Set(page.items.map((b) => b.homeId))] } }, limit: 100 })).items.map((h) => [h._id, h]))
    : new Map<string, Home>();
  const grants = userIds.length ? (await deps.store.find<RoleGrant>(COLLECTIONS.roles, { where: { estateId, userId: { $in: userIds } }, limit: 100 })).items : [];
  return outcome({
    items: page.items.map((b) => {
      const home = homes.get(b.homeId);
      return { userId: b.userId, realName: b.realName, home: home ? homeLabel(home) : '', roles: grants.filter((g) => g.userId === b.userId).map((g) => g.role) };
    }),
    nextCursor: page.nextCursor,
  });
}
