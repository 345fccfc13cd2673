/** Micro-wish use cases: post, review, claim, release, fulfil, confirm (with points), dispute, cancel, expire. */
import { ignoreConflict } from '../shared/store-helpers';
import { outcome, type DomainEvent, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { ContentCheck, Store, TxStore, Where } from '../shared/ports';
import { homeLabel, maskContactsInText, maskName } from '../shared/privacy';
import { can, type Actor, type Permission } from '../auth/permissions';
import { authorize, currentEstate, type Session } from '../auth/session';
import { COLLECTIONS } from '../auth/types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import { ensureAccount, postEntry, wishPointsFor } from '../points/ledger';
import { wishEntryId } from '../points/types';
import type { WishPage, WishStep, WishView } from './api';
import { mayEver, partyFor, wishActionsFor, wishTarget } from './rules';
import {
  NO_DEADLINE,
  WISH_COLLECTIONS as C,
  WISH_STATUS_LABELS,
  nextWishStatus,
  type ContactVisibility,
  type Wish,
  type WishAction,
  type WishCategory,
  type WishParty,
  type WishTransition,
} from './types';

const PAGE = 20;

export interface WishDeps extends CoreDeps {
  contentCheck: ContentCheck;
}

const isStaff = (actor: Actor, w: Wish) => can(actor, 'wish.seeContact', { estateId: w.estateId });

/** Whether the viewer may see the author's name, phone and room, as the author chose. */
function seesContact(w: Wish, actor: Actor): boolean {
  if (actor.estateId !== w.estateId) return false;
  if (w.authorId === actor.userId || isStaff(actor, w)) return true;
  if (w.contact === 'claimer') return w.claimerId === actor.userId;
  if (w.contact === 'volunteers') return actor.roles.has('volunteer');
  return false;
}

/** Whether the viewer knows the people in this wish anyway (author, claimer, staff). */
const insider = (w: Wish, actor: Actor) => w.authorId === actor.userId || w.claimerId === actor.userId || isStaff(actor, w);

export function wishView(w: Wish, actor: Actor): WishView {
  const contact = seesContact(w, actor);
  return {
    id: w._id,
    title: w.title,
    description: w.description,
    category: w.category,
    photos: w.photos,
    deadline: w.deadline === NO_DEADLINE ? null : w.deadline,
    status: w.status,
    points: w.points,
    author: { name: contact ? w.authorName : maskName(w.authorName), building: `${w.building}栋` },
    contactDetails: contact ? { name: w.authorName, phone: w.authorPhone, home: w.homeLabel } : null,
    contact: w.contact,
    claimer: w.claimerId ? { name: insider(w, actor) ? (w.claimerName ?? '') : maskName(w.claimerName ?? '') } : null,
    fulfilNote: w.fulfilNote,
    fulfilPhotos: w.fulfilPhotos,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    actions: wishActionsFor(w, actor),
    mine: { author: w.authorId === actor.userId, claimer: w.claimerId === actor.userId },
  };
}

/** The wish if the actor may see it: in their estate; pending or rejected ones only for the author and staff. */
async function load(store: Store, actor: Actor, wishId: string): Promise<Wish> {
  const w = await store.get<Wish>(C.wishes, wishId);
  const hidden = !w || w.estateId !== actor.estateId || (['pending', 'rejected'].includes(w.status) && w.authorId !== actor.userId && !isStaff(actor, w));
  if (!w || hidden) throw new AppError('NOT_FOUND', '没有找到这个心愿');
  return w;
}

const STATE_MESSAGES: Partial<Record<WishAction, string>> = {
  claim: '这个心愿已被其他志愿者认领，或已不再需要认领',
  confirm: '这个心愿已经确认过了，或还没有标记完成',
};

/** The capacity the actor does `act` in, and the state it leads to; FORBIDDEN or CONFLICT otherwise. */
function decide(w: Wish, actor: Actor, act: WishAction): { party: WishParty; to: Wish['status'] } {
  if (!mayEver(w, actor, act)) {
    authorize(actor, `wish.${act}` as Permission, wishTarget(w));
    throw new AppError('FORBIDDEN', '您没有权限进行此操作');
  }
  const party = partyFor(w, actor, act);
  const to = party ? nextWishStatus(w.status, act, party) : null;
  if (!party || !to) throw new AppError('CONFLICT', STATE_MESSAGES[act] ?? `这个心愿${WISH_STATUS_LABELS[w.status]}，不能这样操作`);
  return { party, to };
}

interface Move {
  act: WishAction;
  reason?: string | null;
  /** Fields to set besides status (claimer, fulfilment note…). */
  set?: (w: Wish) => Partial<Wish>;
  /** More writes in the same transaction (the points of a confirmed wish). */
  also?: (tx: TxStore, w: Wish, at: number) => Promise<void>;
}

/** Records one transition of the state table, all or nothing, against the wish as it is now. */
async function transition(deps: CoreDeps, wish: Wish, by: { userId: string; name: string; party: WishParty }, move: Move, actor: Actor | null): Promise<Wish> {
  const at = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const w = await tx.get<Wish>(C.wishes, wish._id);
    if (!w) throw new AppError('NOT_FOUND', '没有找到这个心愿');
    // Decided again on what the transaction read: a racer that got there first wins.
    const { to, party } = actor ? decide(w, actor, move.act) : { to: nextWishStatus(w.status, move.act, by.party), party: by.party };
    if (!to) throw new AppError('CONFLICT', '心愿的状态已经变了');
    const seq = w.seq + 1;
    const set: Partial<Wish> = { ...(move.set?.(w) ?? {}), status: to, seq, updatedAt: at };
    const step: WishTransition & { byName: string } = {
      _id: `${w._id}.${seq}`,
      wishId: w._id,
      estateId: w.estateId,
      from: w.status,
      to,
      action: move.act,
      by: by.userId,
      byName: by.name,
      party,
      at,
      reason: move.reason ?? null,
    };
    await tx.update(C.wishes, w._id, { set });
    await tx.insert(C.transitions, { ...step });
    const next = { ...w, ...set };
    if (move.also) await move.also(tx, next, at);
    return next;
  });
}

const event = (type: string, w: Wish, at: number, extra: Record<string, unknown> = {}): DomainEvent => ({
  type,
  estateId: w.estateId,
  at,
  payload: { wishId: w._id, title: w.title, authorId: w.authorId, claimerId: w.claimerId, points: w.points, ...extra },
});

interface PostInput {
  title: string;
  description: string;
  category: WishCategory;
  photos?: string[];
  deadline?: number | null;
  contact?: ContactVisibility;
  homeId?: string;
}

export async function postWish(deps: WishDeps, { actor, openid }: Session, input: PostInput): Promise<Outcome<WishView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'wish.post', { estateId });
  const now = deps.clock.now();
  if (input.deadline != null && input.deadline <= now) throw new AppError('INVALID_INPUT', '截止时间应晚于现在');
  const bindings = (await deps.store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId, estateId, status: 'approved' }, limit: 20 })).items;
  const binding = input.homeId ? bindings.find((b) => b.homeId === input.homeId) : bindings[0];
  if (!binding) throw new AppError(input.homeId ? 'INVALID_INPUT' : 'FORBIDDEN', input.homeId ? '这不是您认证过的房屋' : '请先认证您的房屋');
  const home = await deps.store.get<Home>(COLLECTIONS.homes, binding.homeId);
  if (!home) throw new AppError('NOT_FOUND', '没有找到您的房屋');
  // Masked before anything is stored: a phone number typed into the text is never kept in clear.
  const title = maskContactsInText(input.title);
  const description = maskContactsInText(input.description);
  const verdict = await deps.contentCheck.check(`${title}\n${description}`, openid ?? null);
  if (verdict === 'reject') throw new AppError('CONTENT_REJECTED', '心愿内容未通过安全检查，请修改后再发布');
  const w: Wish = {
    _id: deps.ids.newId(),
    estateId,
    authorId: actor.userId,
    authorName: binding.realName,
    authorPhone: binding.phone,
    homeId: home._id,
    building: home.building,
    homeLabel: homeLabel(home),
    title,
    description,
    category: input.category,
    photos: input.photos ?? [],
    deadline: input.deadline ?? NO_DEADLINE,
    contact: input.contact ?? 'claimer',
    points: await wishPointsFor(deps.store, estateId),
    status: verdict === 'pass' ? 'open' : 'pending',
    claimerId: null,
    claimerName: null,
    fulfilNote: null,
    fulfilPhotos: [],
    seq: 1,
    createdAt: now,
    updatedAt: now,
  };
  const step = { _id: `${w._id}.1`, wishId: w._id, estateId, from: null, to: w.status, action: 'post', by: actor.userId, byName: binding.realName, party: 'author', at: now, reason: null };
  await deps.store.transaction(async (tx) => {
    await tx.insert(C.wishes, { ...w });
    await tx.insert(C.transitions, step);
  });
  return outcome(wishView(w, actor), [event(w.status === 'open' ? 'wish.posted' : 'wish.pendingReview', w, now)]);
}

async function page(deps: CoreDeps, actor: Actor, where: Where, cursor: string | null | undefined, order: 'asc' | 'desc' = 'desc'): Promise<Outcome<WishPage>> {
  const found = await deps.store.find<Wish>(C.wishes, { where, orderBy: [['createdAt', order]], limit: PAGE, cursor: cursor ?? null });
  return outcome({ items: found.items.map((w) => wishView(w, actor)), nextCursor: found.nextCursor });
}

export async function listWishes(deps: CoreDeps, { actor }: Session, input: { category?: WishCategory; status?: Wish['status']; cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'wish.list', { estateId });
  const where: Where = { estateId, status: input.status ?? 'open' };
  if (input.category) where.category = input.category;
  return page(deps, actor, where, input.cursor);
}

export async function myWishes(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'wish.mine', { estateId });
  return page(deps, actor, { estateId, authorId: actor.userId }, input.cursor);
}

export async function myClaims(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'wish.claims', { estateId });
  return page(deps, actor, { estateId, claimerId: actor.userId }, input.cursor);
}

export async function pendingWishes(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'wish.pending', { estateId });
  return page(deps, actor, { estateId, status: 'pending' }, input.cursor, 'asc');
}

export async function getWish(deps: CoreDeps, { actor }: Session, input: { wishId: string }): Promise<Outcome<{ wish: WishView; steps: WishStep[] }>> {
  authorize(actor, 'wish.get', { estateId: currentEstate(actor) });
  const w = await load(deps.store, actor, input.wishId);
  const steps = (await deps.store.find<WishTransition & { byName: string }>(C.transitions, { where: { wishId: w._id }, orderBy: [['at', 'asc']], limit: 100 })).items;
  const known = insider(w, actor);
  return outcome({
    wish: wishView(w, actor),
    steps: steps.map((s) => ({
      from: s.from,
      to: s.to,
      action: s.action,
      party: s.party,
      byName: s.by === 'system' ? '系统' : known || s.by === actor.userId ? s.byName : maskName(s.byName),
      at: s.at,
      reason: s.reason,
    })),
  });
}

/** Runs `act` for the actor on the wish; answers the wish as it now is, and the event to tell. */
async function act(deps: CoreDeps, session: Session, wishId: string, move: Move, eventType: string, extra?: (w: Wish) => Record<string, unknown>): Promise<Outcome<WishView>> {
  const { actor, user } = session;
  currentEstate(actor);
  const w = await load(deps.store, actor, wishId);
  const { party } = decide(w, actor, move.act); // fail fast, before the transaction
  const next = await transition(deps, w, { userId: actor.userId, name: user.name, party }, move, actor);
  return outcome(wishView(next, actor), [event(eventType, next, next.updatedAt, { byId: actor.userId, reason: move.reason ?? null, ...(extra?.(w) ?? {}) })]);
}

export const approveWish = (deps: CoreDeps, s: Session, i: { wishId: string }) => act(deps, s, i.wishId, { act: 'approve' }, 'wish.approved');

export const rejectWish = (deps: CoreDeps, s: Session, i: { wishId: string; reason: string }) => act(deps, s, i.wishId, { act: 'reject', reason: i.reason }, 'wish.rejected');

export const claimWish = (deps: CoreDeps, s: Session, i: { wishId: string }) =>
  act(deps, s, i.wishId, { act: 'claim', set: () => ({ claimerId: s.actor.userId, claimerName: s.user.name }) }, 'wish.claimed');

/** Released: back on the wall, the claimer forgotten (their step stays in the record). */
export const releaseWish = (deps: CoreDeps, s: Session, i: { wishId: string; reason?: string }) =>
  act(deps, s, i.wishId, { act: 'release', reason: i.reason ?? null, set: () => ({ claimerId: null, claimerName: null }) }, 'wish.released', (w) => ({ claimerId: w.claimerId }));

export const fulfilWish = (deps: CoreDeps, s: Session, i: { wishId: string; note: string; photos?: string[] }) =>
  act(deps, s, i.wishId, { act: 'fulfil', set: () => ({ fulfilNote: maskContactsInText(i.note), fulfilPhotos: i.photos ?? [] }) }, 'wish.fulfilled');

export const disputeWish = (deps: CoreDeps, s: Session, i: { wishId: string; reason: string }) =>
  act(deps, s, i.wishId, { act: 'dispute', reason: i.reason }, 'wish.disputed');

export const cancelWish = (deps: CoreDeps, s: Session, i: { wishId: string; reason?: string }) =>
  act(deps, s, i.wishId, { act: 'cancel', reason: i.reason ?? null }, 'wish.cancelled');

/**
 * Confirmed: the claimer is credited the wish's points in the same transaction. The entry's id
 * names the wish, and the transaction re-reads the wish's state, so however often confirm is
 * sent (retries, double taps) the points arrive once.
 */
export async function confirmWish(deps: CoreDeps, s: Session, i: { wishId: string }): Promise<Outcome<WishView>> {
  const w = await load(deps.store, s.actor, i.wishId);
  if (w.claimerId && w.status === 'fulfilled') await ensureAccount(deps.store, w.estateId, w.claimerId, deps.clock.now());
  return act(deps, s, i.wishId, {
    act: 'confirm',
    also: async (tx, next, at) => {
      if (!next.claimerId) throw new AppError('CONFLICT', '这个心愿没有认领人');
      await postEntry(
        tx,
        { _id: wishEntryId(next._id), estateId: next.estateId, userId: next.claimerId, amount: next.points, kind: 'wish', ref: next._id, reason: next.title, by: s.actor.userId, at },
        { wishFulfilled: true },
      );
    },
  }, 'wish.confirmed');
}

/** The timer's job: open wishes past their deadline expire. Idempotent: each moves once. */
export async function expireWishes(deps: CoreDeps): Promise<{ count: number; events: DomainEvent[] }> {
  const now = deps.clock.now();
  const events: DomainEvent[] = [];
  for (let round = 0; round < 10; round++) {
    const due = (await deps.store.find<Wish>(C.wishes, { where: { status: 'open', deadline: { $lte: now } }, orderBy: [['deadline', 'asc']], limit: 100 })).items;
    if (!due.length) break;
    for (const w of due) {
      try {
        const next = await transition(deps, w, { userId: 'system', name: '系统', party: 'system' }, { act: 'expire', reason: '已过截止时间' }, null);
        events.push(event('wish.expired', next, now));
      } catch (e) {
        ignoreConflict(e); // claimed or cancelled meanwhile
      }
    }
  }
  return { count: events.length, events };
}
