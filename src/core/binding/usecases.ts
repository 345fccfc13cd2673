/** Binding use cases: apply, review (approve, reject), withdraw, and the lists around them. */
import { outcome, type DomainEvent, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store } from '../shared/ports';
import { buildingLabel, homeLabel, maskName, maskPhone } from '../shared/privacy';
import { can, type Actor } from '../auth/permissions';
import { authorize, currentEstate, roleGrantId, type Session } from '../auth/session';
import { COLLECTIONS, type Role, type RoleGrant } from '../auth/types';
import type { Estate, Home } from '../estate/types';
import type { BindingView } from './api';
import { nextBindingStatus, type Binding, type BindingAction, type BindingRelation } from './types';

/** Names, phones and the room only for those who need them: the applicant and the reviewers. */
async function views(store: Store, actor: Actor, bindings: Binding[]): Promise<BindingView[]> {
  if (bindings.length === 0) return [];
  const byId = async <T extends { _id: string }>(collection: string, ids: string[]) =>
    new Map((await store.find<T>(collection, { where: { _id: { $in: [...new Set(ids)] } }, limit: 100 })).items.map((d) => [d._id, d]));
  const homes = await byId<Home>(COLLECTIONS.homes, bindings.map((b) => b.homeId));
  const estates = await byId<Estate>(COLLECTIONS.estates, bindings.map((b) => b.estateId));
  return bindings.map((b) => {
    const home = homes.get(b.homeId);
    // A binding in another estate is the viewer's own (mine), so judge it as if acting there.
    const full = b.userId === actor.userId || can(actor, 'binding.seeContact', { estateId: b.estateId, ownerId: b.userId });
    return {
      id: b._id,
      estateId: b.estateId,
      estateName: estates.get(b.estateId)?.name ?? '',
      homeId: b.homeId,
      homeLabel: home ? (full ? homeLabel(home) : buildingLabel(home)) : '',
      relation: b.relation,
      status: b.status,
      realName: full ? b.realName : maskName(b.realName),
      phone: full ? b.phone : maskPhone(b.phone),
      reason: b.reason,
      createdAt: b.createdAt,
      reviewedAt: b.reviewedAt,
    };
  });
}

export async function applyBinding(
  deps: CoreDeps,
  { actor }: Session,
  input: { homeId: string; relation: BindingRelation; realName: string; phone: string },
): Promise<Outcome<BindingView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'binding.apply', { estateId });
  const home = await deps.store.get<Home>(COLLECTIONS.homes, input.homeId);
  if (!home || home.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这套房屋');
  const duplicate = () => new AppError('CONFLICT', '您已申请过这套房屋，请勿重复申请');
  const live = (b: Binding | null) => b !== null && (b.status === 'pending' || b.status === 'approved');
  if ((await deps.store.count(COLLECTIONS.bindings, { userId: actor.userId, homeId: home._id, status: { $in: ['pending', 'approved'] } })) > 0) throw duplicate();
  const now = deps.clock.now();
  const binding: Binding = { _id: deps.ids.newId(), estateId, homeId: home._id, userId: actor.userId, relation: input.relation, realName: input.realName, phone: input.phone, status: 'pending', reason: null, createdAt: now, reviewedAt: null, reviewedBy: null };
  // One live application per person and home, even when the same tap arrives twice at once:
  // a guard keyed by (home, person) points at the latest application, in one transaction.
  const guardId = `${home._id}.${actor.userId}`;
  await deps.store.transaction(async (tx) => {
    const guard = await tx.get<{ _id: string; bindingId: string }>(COLLECTIONS.bindingGuards, guardId);
    if (guard && live(await tx.get<Binding>(COLLECTIONS.bindings, guard.bindingId))) throw duplicate();
    if (guard) await tx.update(COLLECTIONS.bindingGuards, guardId, { set: { bindingId: binding._id } });
    else await tx.insert(COLLECTIONS.bindingGuards, { _id: guardId, bindingId: binding._id });
    await tx.insert(COLLECTIONS.bindings, { ...binding });
  });
  const [view] = await views(deps.store, actor, [binding]);
  return outcome(view, [{ type: 'binding.requested', estateId, at: now, payload: { bindingId: binding._id, userId: actor.userId } }]);
}

export async function myBindings(deps: CoreDeps, { actor }: Session): Promise<Outcome<BindingView[]>> {
  authorize(actor, 'binding.mine');
  const page = await deps.store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId }, orderBy: [['createdAt', 'desc']], limit: 50 });
  return outcome(await views(deps.store, actor, page.items));
}

export async function pendingBindings(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }): Promise<Outcome<{ items: BindingView[]; nextCursor: string | null }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'binding.pending', { estateId });
  const page = await deps.store.find<Binding>(COLLECTIONS.bindings, { where: { estateId, status: 'pending' }, orderBy: [['createdAt', 'asc']], limit: 20, cursor: input.cursor ?? null });
  return outcome({ items: await views(deps.store, actor, page.items), nextCursor: page.nextCursor });
}

/** The roles an approved binding gives: every resident; owners also vote as 业主. */
const rolesFor = (relation: BindingRelation): Role[] => (relation === 'owner' ? ['resident', 'owner'] : ['resident']);

/**
 * Moves a binding along its state table in one transaction: the status change, the roles an
 * approval gives and their audit records land together or not at all. Two reviewers acting at
 * once: the first wins, the second finds it no longer pending (CONFLICT).
 */
async function review(deps: CoreDeps, actor: Actor, bindingId: string, act: BindingAction, reason: string | null): Promise<Outcome<BindingView>> {
  const found = await deps.store.get<Binding>(COLLECTIONS.bindings, bindingId);
  // Another estate's binding is reported as missing: not even its existence leaks.
  if (!found || found.estateId !== actor.estateId) throw new AppError('NOT_FOUND', '没有找到这条申请');
  authorize(actor, act === 'withdraw' ? 'binding.withdraw' : act === 'approve' ? 'binding.approve' : 'binding.reject', { estateId: found.estateId, ownerId: found.userId });
  const now = deps.clock.now();
  const updated = await deps.store.transaction(async (tx) => {
    const b = await tx.get<Binding>(COLLECTIONS.bindings, bindingId);
    const to = b ? nextBindingStatus(b.status, act) : null;
    if (!b || !to) throw new AppError('CONFLICT', '这条申请已处理过了，请刷新');
    const next: Binding = { ...b, status: to, reason: act === 'reject' ? reason : b.reason, reviewedAt: now, reviewedBy: actor.userId };
    await tx.update(COLLECTIONS.bindings, b._id, { set: { status: next.status, reason: next.reason, reviewedAt: now, reviewedBy: actor.userId } });
    if (to === 'approved') {
      for (const role of rolesFor(b.relation)) {
        const grantId = roleGrantId(b.estateId, b.userId, role);
        if (await tx.get(COLLECTIONS.roles, grantId)) continue;
        const grant: RoleGrant = { _id: grantId, estateId: b.estateId, userId: b.userId, role, grantedAt: now, grantedBy: actor.userId };
        await tx.insert(COLLECTIONS.roles, { ...grant });
        await tx.insert(COLLECTIONS.roleChanges, { _id: deps.ids.newId(), estateId: b.estateId, at: now, by: actor.userId, userId: b.userId, role, change: 'grant' });
      }
      const user = await tx.get<{ _id: string; currentEstateId: string | null }>(COLLECTIONS.users, b.userId);
      if (user && !user.currentEstateId) await tx.update(COLLECTIONS.users, b.userId, { set: { currentEstateId: b.estateId } });
    }
    return next;
  });
  const events: DomainEvent[] =
    updated.status === 'approved' || updated.status === 'rejected'
      ? [{ type: `binding.${updated.status}`, estateId: updated.estateId, at: now, payload: { bindingId, userId: updated.userId, reason: updated.reason } }]
      : [];
  const [view] = await views(deps.store, actor, [updated]);
  return outcome(view, events);
}

export const approveBinding = (deps: CoreDeps, { actor }: Session, input: { bindingId: string }) => review(deps, actor, input.bindingId, 'approve', null);
export const rejectBinding = (deps: CoreDeps, { actor }: Session, input: { bindingId: string; reason: string }) => review(deps, actor, input.bindingId, 'reject', input.reason);
export const withdrawBinding = (deps: CoreDeps, { actor }: Session, input: { bindingId: string }) => review(deps, actor, input.bindingId, 'withdraw', null);
