/** Points and rewards use cases: balances and ledgers, staff credits and reversals, the rewards shop. */
import { findAll, insertOrUpdate } from '../shared/store-helpers';
import { outcome, type DomainEvent, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store, Where } from '../shared/ports';
import { maskName } from '../shared/privacy';
import { can } from '../auth/permissions';
import { authorize, currentEstate, roleGrantId, type Session } from '../auth/session';
import { COLLECTIONS, type RoleGrant, type User } from '../auth/types';
import { ensureAccount, postEntry, wishPointsFor } from './ledger';
import type { EntryView, RedemptionView, RewardView, VolunteerView } from './api';
import {
  POINTS_COLLECTIONS as C,
  accountId,
  nextRedemptionStatus,
  type LedgerEntry,
  type PointsAccount,
  type Redemption,
  type RedemptionAction,
  type RedemptionStatus,
  type Reward,
  type RewardStatus,
} from './types';

const entryView = (e: LedgerEntry, reversed = false): EntryView => ({
  id: e._id,
  amount: e.amount,
  kind: e.kind,
  reason: e.reason,
  ref: e.ref,
  at: e.at,
  balanceAfter: e.balanceAfter,
  ...(reversed ? { reversed } : {}),
});

const rewardView = (r: Reward): RewardView => ({ id: r._id, name: r.name, description: r.description, price: r.price, stock: r.stock, status: r.status });

const redemptionView = (r: Redemption): RedemptionView => ({
  id: r._id,
  rewardId: r.rewardId,
  rewardName: r.rewardName,
  price: r.price,
  status: r.status,
  userName: r.userName,
  createdAt: r.createdAt,
  closedAt: r.closedAt,
  cancelReason: r.cancelReason,
});

async function account(store: Store, estateId: string, userId: string): Promise<PointsAccount | null> {
  return store.get<PointsAccount>(C.accounts, accountId(estateId, userId));
}

/** One page of a person's ledger, newest first, each entry marked when a reversal corrects it. */
async function ledgerPage(store: Store, estateId: string, userId: string, cursor: string | null | undefined) {
  const page = await store.find<LedgerEntry>(C.ledger, { where: { estateId, userId }, orderBy: [['at', 'desc']], limit: 20, cursor: cursor ?? null });
  const reversed = new Set(
    (await store.find<LedgerEntry>(C.ledger, { where: { estateId, userId, kind: 'reversal', ref: { $in: page.items.map((e) => e._id) } }, limit: 100 })).items.map((e) => e.ref),
  );
  return { entries: page.items.map((e) => entryView(e, reversed.has(e._id))), nextCursor: page.nextCursor };
}

export async function myPoints(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.mine', { estateId });
  const acc = await account(deps.store, estateId, actor.userId);
  return outcome({ balance: acc?.balance ?? 0, wishesFulfilled: acc?.wishesFulfilled ?? 0, ...(await ledgerPage(deps.store, estateId, actor.userId, input.cursor)) });
}

export async function volunteerLedger(deps: CoreDeps, { actor }: Session, input: { userId: string; cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.ledger', { estateId });
  const acc = await account(deps.store, estateId, input.userId);
  return outcome({ balance: acc?.balance ?? 0, ...(await ledgerPage(deps.store, estateId, input.userId, input.cursor)) });
}

async function names(store: Store, userIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += 100)
    for (const u of (await store.find<User>(COLLECTIONS.users, { where: { _id: { $in: userIds.slice(i, i + 100) } }, limit: 100 })).items) out.set(u._id, u.name);
  return out;
}

/** The top 20 volunteers by wishes fulfilled and confirmed (never by claims), names masked. */
export async function ranking(deps: CoreDeps, { actor }: Session) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.ranking', { estateId });
  const top = (await deps.store.find<PointsAccount>(C.accounts, { where: { estateId, wishesFulfilled: { $gt: 0 } }, orderBy: [['wishesFulfilled', 'desc']], limit: 20 })).items;
  const byId = await names(deps.store, top.map((a) => a.userId));
  let rank = 0;
  let last = -1;
  return outcome(
    top.map((a, i) => {
      if (a.wishesFulfilled !== last) rank = i + 1; // equal counts share a rank
      last = a.wishesFulfilled;
      return { rank, name: maskName(byId.get(a.userId) ?? ''), wishesFulfilled: a.wishesFulfilled, me: a.userId === actor.userId };
    }),
  );
}

export async function volunteers(deps: CoreDeps, { actor }: Session): Promise<Outcome<{ wishPoints: number; items: VolunteerView[] }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.volunteers', { estateId });
  const grants = await findAll<RoleGrant>(deps.store, COLLECTIONS.roles, { estateId, role: 'volunteer' }, { max: 1000 });
  const ids = grants.map((g) => g.userId);
  const byName = await names(deps.store, ids);
  const accounts = new Map<string, PointsAccount>();
  for (let i = 0; i < ids.length; i += 100)
    for (const a of (await deps.store.find<PointsAccount>(C.accounts, { where: { _id: { $in: ids.slice(i, i + 100).map((u) => accountId(estateId, u)) } }, limit: 100 })).items) accounts.set(a.userId, a);
  const items = grants
    .map((g) => ({ userId: g.userId, name: byName.get(g.userId) ?? '', partyMember: !!g.partyMember, balance: accounts.get(g.userId)?.balance ?? 0, wishesFulfilled: accounts.get(g.userId)?.wishesFulfilled ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return outcome({ wishPoints: await wishPointsFor(deps.store, estateId), items });
}

const credited = (e: LedgerEntry, estateId: string): DomainEvent => ({
  type: 'points.credited',
  estateId,
  at: e.at,
  payload: { userId: e.userId, amount: e.amount, reason: e.reason, kind: e.kind },
});

/** Staff credit a volunteer for offline service (not themselves), with a reason; recorded as theirs. */
export async function creditPoints(deps: CoreDeps, { actor }: Session, input: { userId: string; amount: number; reason: string }): Promise<Outcome<EntryView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.credit', { estateId, ownerId: input.userId });
  if (!(await deps.store.get<RoleGrant>(COLLECTIONS.roles, roleGrantId(estateId, input.userId, 'volunteer')))) throw new AppError('NOT_FOUND', '这位不是本小区的志愿者');
  const at = deps.clock.now();
  await ensureAccount(deps.store, estateId, input.userId, at);
  const entry = await deps.store.transaction((tx) =>
    postEntry(tx, { _id: deps.ids.newId(), estateId, userId: input.userId, amount: input.amount, kind: 'service', ref: null, reason: input.reason, by: actor.userId, at }),
  );
  return outcome(entryView(entry), [credited(entry, estateId)]);
}

/**
 * A correction: a new entry of the opposite amount that names the one it corrects. Only credits
 * (wishes, service) are reversed this way; a redemption is undone by cancelling it. Each entry
 * is reversed at most once (the reversal's id says which), and never below a zero balance.
 */
export async function reverseEntry(deps: CoreDeps, { actor }: Session, input: { entryId: string; reason: string }): Promise<Outcome<EntryView>> {
  const estateId = currentEstate(actor);
  const original = await deps.store.get<LedgerEntry>(C.ledger, input.entryId);
  if (!original || original.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这笔积分记录');
  authorize(actor, 'points.reverse', { estateId, ownerId: original.userId });
  if (original.kind !== 'wish' && original.kind !== 'service') throw new AppError('CONFLICT', '只有记入的积分可以冲正；兑换请用取消兑换');
  const at = deps.clock.now();
  const entry = await deps.store.transaction(async (tx) => {
    if (await tx.get(C.ledger, `reversal.${original._id}`)) throw new AppError('CONFLICT', '这笔积分已经冲正过了');
    return postEntry(tx, { _id: `reversal.${original._id}`, estateId, userId: original.userId, amount: -original.amount, kind: 'reversal', ref: original._id, reason: input.reason, by: actor.userId, at });
  });
  return outcome(entryView(entry));
}

export async function configurePoints(deps: CoreDeps, { actor }: Session, input: { wishPoints: number }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.configure', { estateId });
  const now = deps.clock.now();
  const set = { wishPoints: input.wishPoints, updatedBy: actor.userId, updatedAt: now };
  await insertOrUpdate(deps.store, C.settings, estateId, set);
  return outcome({ wishPoints: input.wishPoints });
}

export async function listRewards(deps: CoreDeps, { actor }: Session) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.rewards', { estateId });
  const where: Where = can(actor, 'points.seeRetired', { estateId }) ? { estateId } : { estateId, status: 'active' };
  const found = await deps.store.find<Reward>(C.rewards, { where, orderBy: [['status', 'asc'], ['price', 'asc']], limit: 100 });
  return outcome(found.items.map(rewardView));
}

export async function saveReward(
  deps: CoreDeps,
  { actor }: Session,
  input: { rewardId?: string; name: string; description?: string; price: number; stock: number; status?: RewardStatus },
): Promise<Outcome<RewardView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.saveReward', { estateId });
  const now = deps.clock.now();
  const fields = { name: input.name, description: input.description ?? '', price: input.price, stock: input.stock, status: input.status ?? 'active', updatedAt: now };
  if (!input.rewardId) {
    const r: Reward = { _id: deps.ids.newId(), estateId, ...fields, createdBy: actor.userId, createdAt: now };
    await deps.store.insert(C.rewards, { ...r });
    return outcome(rewardView(r));
  }
  const existing = await deps.store.get<Reward>(C.rewards, input.rewardId);
  if (!existing || existing.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这件礼品');
  // Stock is set in the same transaction that reads it, so a redemption in between is not lost.
  const saved = await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Reward>(C.rewards, existing._id);
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这件礼品');
    await tx.update(C.rewards, cur._id, { set: fields });
    return { ...cur, ...fields };
  });
  return outcome(rewardView(saved));
}

/**
 * Redeems one reward: the stock goes down by one and the points by its price, with the ledger
 * entry and the redemption, in one transaction. Racing redeemers re-read the stock and the
 * balance on each attempt, so neither can go below zero.
 */
export async function redeem(deps: CoreDeps, { actor, user }: Session, input: { rewardId: string }): Promise<Outcome<RedemptionView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.redeem', { estateId });
  const found = await deps.store.get<Reward>(C.rewards, input.rewardId);
  if (!found || found.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这件礼品');
  const at = deps.clock.now();
  await ensureAccount(deps.store, estateId, actor.userId, at);
  const id = deps.ids.newId();
  const redemption = await deps.store.transaction(async (tx) => {
    const reward = await tx.get<Reward>(C.rewards, input.rewardId);
    if (!reward || reward.status !== 'active') throw new AppError('CONFLICT', '这件礼品已下架');
    if (reward.stock < 1) throw new AppError('CONFLICT', '这件礼品已经兑完了');
    await postEntry(tx, { _id: `redeem.${id}`, estateId, userId: actor.userId, amount: -reward.price, kind: 'redeem', ref: id, reason: reward.name, by: actor.userId, at });
    await tx.update(C.rewards, reward._id, { set: { stock: reward.stock - 1, updatedAt: at } });
    const r: Redemption = { _id: id, estateId, userId: actor.userId, userName: user.name, rewardId: reward._id, rewardName: reward.name, price: reward.price, status: 'requested', createdAt: at, closedAt: null, closedBy: null, cancelReason: null };
    await tx.insert(C.redemptions, { ...r });
    return r;
  });
  return outcome(redemptionView(redemption), [{ type: 'redemption.requested', estateId, at, payload: { redemptionId: id, userId: actor.userId, rewardName: redemption.rewardName } }]);
}

export async function myRedemptions(deps: CoreDeps, { actor }: Session) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.myRedemptions', { estateId });
  const found = await deps.store.find<Redemption>(C.redemptions, { where: { estateId, userId: actor.userId }, orderBy: [['createdAt', 'desc']], limit: 50 });
  return outcome(found.items.map(redemptionView));
}

export async function listRedemptions(deps: CoreDeps, { actor }: Session, input: { status?: RedemptionStatus; cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'points.redemptions', { estateId });
  const status = input.status ?? 'requested';
  const found = await deps.store.find<Redemption>(C.redemptions, { where: { estateId, status }, orderBy: [['createdAt', status === 'requested' ? 'asc' : 'desc']], limit: 20, cursor: input.cursor ?? null });
  return outcome({ items: found.items.map(redemptionView), nextCursor: found.nextCursor });
}

async function closeRedemption(deps: CoreDeps, { actor }: Session, redemptionId: string, act: RedemptionAction, reason: string | null): Promise<Outcome<RedemptionView>> {
  const estateId = currentEstate(actor);
  authorize(actor, act === 'handOver' ? 'points.handOver' : 'points.cancelRedemption', { estateId });
  const found = await deps.store.get<Redemption>(C.redemptions, redemptionId);
  if (!found || found.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这笔兑换');
  const at = deps.clock.now();
  const closed = await deps.store.transaction(async (tx) => {
    const r = await tx.get<Redemption>(C.redemptions, redemptionId);
    const to = r ? nextRedemptionStatus(r.status, act) : null;
    if (!r || !to) throw new AppError('CONFLICT', r?.status === 'handedOver' ? '这件礼品已经领走了' : '这笔兑换已经取消了');
    const set = { status: to, closedAt: at, closedBy: actor.userId, cancelReason: reason };
    await tx.update(C.redemptions, r._id, { set });
    if (act === 'cancel') {
      // Points back and stock back, with the cancellation, or none of them.
      await postEntry(tx, { _id: `refund.${r._id}`, estateId, userId: r.userId, amount: r.price, kind: 'refund', ref: r._id, reason: reason ?? r.rewardName, by: actor.userId, at });
      const reward = await tx.get<Reward>(C.rewards, r.rewardId);
      if (reward) await tx.update(C.rewards, reward._id, { set: { stock: reward.stock + 1, updatedAt: at } });
    }
    return { ...r, ...set };
  });
  const type = act === 'handOver' ? 'redemption.handedOver' : 'redemption.cancelled';
  return outcome(redemptionView(closed), [{ type, estateId, at, payload: { redemptionId, userId: closed.userId, rewardName: closed.rewardName, reason } }]);
}

export const handOver = (deps: CoreDeps, s: Session, i: { redemptionId: string }) => closeRedemption(deps, s, i.redemptionId, 'handOver', null);
export const cancelRedemption = (deps: CoreDeps, s: Session, i: { redemptionId: string; reason: string }) => closeRedemption(deps, s, i.redemptionId, 'cancel', i.reason);

