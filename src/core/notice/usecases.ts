/** Notice use cases: draft, edit, publish, withdraw; list, open (read receipt), who has not read. */
import { findAll } from '../shared/store-helpers';
import { outcome, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store, Where } from '../shared/ports';
import { maskName } from '../shared/privacy';
import { can, type Actor, type Permission } from '../auth/permissions';
import { authorize, currentEstate, type Session } from '../auth/session';
import { COLLECTIONS } from '../auth/types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import type { NoticeView, UnreadReport } from './api';
import { markReadByLink } from '../inbox/usecases';
import {
  ALL_BUILDINGS,
  CATEGORY_ROLES,
  NEVER,
  NOTICE_COLLECTIONS as C,
  nextNoticeStatus,
  type Notice,
  type NoticeAction,
  type NoticeBlock,
  type NoticeCategory,
  type NoticeRevision,
} from './types';

interface NoticeFields {
  title: string;
  body: NoticeBlock[];
  category: NoticeCategory;
  buildings?: string[];
  pinned?: boolean;
  expiresAt?: number | null;
}

/** The page a notice opens on; notifications about it link here. */
export const noticeLink = (noticeId: string) => `/pages/notice-detail/index?id=${noticeId}`;

/** Each body publishes under its own name: the role the author holds for this category. */
export const publishingRole = (actor: Actor, category: NoticeCategory) => CATEGORY_ROLES[category].find((r) => actor.roles.has(r)) ?? null;

const audienceOf = (buildings?: string[]) => (buildings && buildings.length ? [...new Set(buildings)].sort() : [ALL_BUILDINGS]);

export const noticeView = (n: Notice, now: number): NoticeView => ({
  id: n._id,
  title: n.title,
  body: n.status === 'withdrawn' ? [] : n.body,
  category: n.category,
  audience: n.audience,
  pinned: n.pinned,
  status: n.status,
  expired: n.status === 'published' && n.expiresAt <= now,
  authorName: n.authorName,
  authorRole: n.authorRole,
  publishedAt: n.publishedAt,
  updatedAt: n.updatedAt,
  expiresAt: n.expiresAt === NEVER ? null : n.expiresAt,
  withdrawnAt: n.withdrawnAt,
  withdrawReason: n.withdrawReason,
  readCount: n.readCount,
  edited: n.version > 1,
});

/** The buildings where the reader has an approved home binding in this estate. */
async function readerBuildings(store: Store, userId: string, estateId: string): Promise<string[]> {
  const bindings = (await store.find<Binding>(COLLECTIONS.bindings, { where: { userId, estateId, status: 'approved' }, limit: 50 })).items;
  if (!bindings.length) return [];
  const homes = (await store.find<Home>(COLLECTIONS.homes, { where: { _id: { $in: bindings.map((b) => b.homeId) } }, limit: 50 })).items;
  return [...new Set(homes.map((h) => h.building))];
}

/** Whether this reader may see this notice at all (drafts: only the author). */
async function visible(store: Store, actor: Actor, n: Notice): Promise<boolean> {
  if (n.estateId !== actor.estateId) return false;
  if (n.status === 'draft') return n.authorId === actor.userId;
  if (can(actor, 'notice.seeAllAudiences', { estateId: n.estateId }) || n.audience.includes(ALL_BUILDINGS)) return true;
  const mine = await readerBuildings(store, actor.userId, n.estateId);
  return n.audience.some((b) => mine.includes(b));
}

/** The notice, if it exists in the actor's estate and the actor may see it; else NOT_FOUND. */
async function load(store: Store, actor: Actor, noticeId: string): Promise<Notice> {
  const n = await store.get<Notice>(C.notices, noticeId);
  if (!n || !(await visible(store, actor, n))) throw new AppError('NOT_FOUND', '没有找到这条公告');
  return n;
}

export async function createNotice(deps: CoreDeps, { actor, user }: Session, input: NoticeFields): Promise<Outcome<NoticeView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'notice.create', { estateId });
  const role = publishingRole(actor, input.category);
  if (!role) throw new AppError('FORBIDDEN', '您不能发布这一类别的公告');
  const now = deps.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now) throw new AppError('INVALID_INPUT', '有效期应晚于现在');
  const n: Notice = {
    _id: deps.ids.newId(),
    estateId,
    authorId: actor.userId,
    authorName: user.name,
    authorRole: role,
    title: input.title,
    body: input.body,
    category: input.category,
    audience: audienceOf(input.buildings),
    pinned: input.pinned ?? false,
    expiresAt: input.expiresAt ?? NEVER,
    status: 'draft',
    version: 1,
    readCount: 0,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    withdrawnAt: null,
    withdrawReason: null,
  };
  await deps.store.insert(C.notices, { ...n });
  return outcome(noticeView(n, now));
}

/** Loads the author's own notice and checks the permission and the state table for `act`. */
async function ownNotice(deps: CoreDeps, actor: Actor, noticeId: string, permission: Permission, act: NoticeAction) {
  const n = await load(deps.store, actor, noticeId);
  authorize(actor, permission, { estateId: n.estateId, ownerId: n.authorId });
  const to = nextNoticeStatus(n.status, act);
  if (!to) throw new AppError('CONFLICT', n.status === 'withdrawn' ? '这条公告已撤回' : '这条公告当前不能这样操作');
  return { n, to };
}

export async function updateNotice(deps: CoreDeps, { actor }: Session, input: Partial<NoticeFields> & { noticeId: string }): Promise<Outcome<NoticeView>> {
  const { n } = await ownNotice(deps, actor, input.noticeId, 'notice.update', 'edit');
  const category = input.category ?? n.category;
  const role = publishingRole(actor, category);
  if (!role) throw new AppError('FORBIDDEN', '您不能发布这一类别的公告');
  const now = deps.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now) throw new AppError('INVALID_INPUT', '有效期应晚于现在');
  const next: Notice = {
    ...n,
    title: input.title ?? n.title,
    body: input.body ?? n.body,
    category,
    authorRole: role,
    audience: input.buildings !== undefined ? audienceOf(input.buildings) : n.audience,
    pinned: input.pinned ?? n.pinned,
    expiresAt: input.expiresAt === undefined ? n.expiresAt : (input.expiresAt ?? NEVER),
    // A published notice keeps what it said before: the earlier text becomes a revision.
    version: n.status === 'published' ? n.version + 1 : n.version,
    updatedAt: now,
  };
  const { _id, ...fields } = next;
  await deps.store.transaction(async (tx) => {
    const current = await tx.get<Notice>(C.notices, _id);
    if (!current || current.version !== n.version || current.status !== n.status) throw new AppError('CONFLICT', '公告刚被修改过，请刷新后再改');
    if (n.status === 'published') {
      const revision: NoticeRevision = { _id: `${n._id}.v${n.version}`, noticeId: n._id, estateId: n.estateId, version: n.version, title: n.title, body: n.body, editedBy: actor.userId, editedAt: now };
      await tx.insert(C.revisions, { ...revision });
    }
    await tx.update(C.notices, _id, { set: fields });
  });
  return outcome(noticeView(next, now));
}

export async function publishNotice(deps: CoreDeps, { actor }: Session, input: { noticeId: string }): Promise<Outcome<NoticeView>> {
  const { n, to } = await ownNotice(deps, actor, input.noticeId, 'notice.publish', 'publish');
  const now = deps.clock.now();
  if (n.expiresAt <= now) throw new AppError('CONFLICT', '有效期已过，请先修改有效期');
  if (!(await deps.store.update(C.notices, n._id, { set: { status: to, publishedAt: now, updatedAt: now } }, { status: n.status }))) {
    throw new AppError('CONFLICT', '这条公告已发布');
  }
  const published = { ...n, status: to, publishedAt: now, updatedAt: now };
  return outcome(noticeView(published, now), [
    { type: 'notice.published', estateId: n.estateId, at: now, payload: { noticeId: n._id, authorId: n.authorId, audience: n.audience, category: n.category, title: n.title } },
  ]);
}

export async function withdrawNotice(deps: CoreDeps, { actor }: Session, input: { noticeId: string; reason: string }): Promise<Outcome<NoticeView>> {
  const { n, to } = await ownNotice(deps, actor, input.noticeId, 'notice.withdraw', 'withdraw');
  const now = deps.clock.now();
  const set = { status: to, withdrawnAt: now, withdrawReason: input.reason, updatedAt: now };
  if (!(await deps.store.update(C.notices, n._id, { set }, { status: n.status }))) throw new AppError('CONFLICT', '这条公告已撤回');
  return outcome(noticeView({ ...n, ...set }, now));
}

export async function listNotices(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }): Promise<Outcome<{ items: NoticeView[]; nextCursor: string | null }>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'notice.list', { estateId });
  const now = deps.clock.now();
  const where: Where = { estateId, status: { $in: ['published', 'withdrawn'] }, expiresAt: { $gt: now } };
  if (!can(actor, 'notice.seeAllAudiences', { estateId })) where.audience = { $in: [ALL_BUILDINGS, ...(await readerBuildings(deps.store, actor.userId, estateId))] };
  const page = await deps.store.find<Notice>(C.notices, { where, orderBy: [['pinned', 'desc'], ['publishedAt', 'desc']], limit: 20, cursor: input.cursor ?? null });
  return outcome({ items: page.items.map((n) => noticeView(n, now)), nextCursor: page.nextCursor });
}

export async function myDrafts(deps: CoreDeps, { actor }: Session): Promise<Outcome<NoticeView[]>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'notice.drafts', { estateId });
  const page = await deps.store.find<Notice>(C.notices, { where: { estateId, authorId: actor.userId, status: 'draft' }, orderBy: [['updatedAt', 'desc']], limit: 50 });
  const now = deps.clock.now();
  return outcome(page.items.map((n) => noticeView(n, now)));
}

/** Opening a published notice records one read receipt per person, however often they open it. */
export async function openNotice(deps: CoreDeps, { actor }: Session, input: { noticeId: string }): Promise<Outcome<NoticeView>> {
  authorize(actor, 'notice.get', { estateId: currentEstate(actor) });
  const n = await load(deps.store, actor, input.noticeId);
  const now = deps.clock.now();
  if (n.status === 'published' && n.authorId !== actor.userId) {
    const firstRead = await deps.store
      .insert(C.reads, { _id: `${n._id}.${actor.userId}`, noticeId: n._id, estateId: n.estateId, userId: actor.userId, at: now })
      .then(() => true)
      .catch((e) => {
        if (e instanceof AppError && e.code === 'CONFLICT') return false;
        throw e;
      });
    if (firstRead) {
      await deps.store.update(C.notices, n._id, { inc: { readCount: 1 } });
      n.readCount += 1;
    }
    await markReadByLink(deps, actor.userId, noticeLink(n._id));
  }
  return outcome(noticeView(n, now));
}

/** The audience's verified people who have not read it, masked: enough to knock on a door. */
export async function unreadReport(deps: CoreDeps, { actor }: Session, input: { noticeId: string }): Promise<Outcome<UnreadReport>> {
  const n = await load(deps.store, actor, input.noticeId);
  authorize(actor, 'notice.unread', { estateId: n.estateId, ownerId: n.authorId });
  const bindings = await findAll<Binding>(deps.store, COLLECTIONS.bindings, { estateId: n.estateId, status: 'approved' });
  const homeIds = [...new Set(bindings.map((b) => b.homeId))];
  const homes = new Map<string, Home>();
  for (let i = 0; i < homeIds.length; i += 100) {
    for (const h of (await deps.store.find<Home>(COLLECTIONS.homes, { where: { _id: { $in: homeIds.slice(i, i + 100) } }, limit: 100 })).items) homes.set(h._id, h);
  }
  // One entry per person: their first building in the audience.
  const audience = new Map<string, { realName: string; building: string }>();
  for (const b of bindings) {
    const building = homes.get(b.homeId)?.building;
    if (!building || audience.has(b.userId)) continue;
    if (n.audience.includes(ALL_BUILDINGS) || n.audience.includes(building)) audience.set(b.userId, { realName: b.realName, building });
  }
  const readers = new Set<string>();
  for (let i = 0, ids = [...audience.keys()]; i < ids.length; i += 100) {
    const reads = await deps.store.find<{ _id: string; userId: string }>(C.reads, { where: { noticeId: n._id, userId: { $in: ids.slice(i, i + 100) } }, limit: 100 });
    for (const r of reads.items) readers.add(r.userId);
  }
  const unread = [...audience].filter(([userId]) => !readers.has(userId)).map(([, p]) => ({ name: maskName(p.realName), building: `${p.building}栋` }));
  return outcome({ audienceSize: audience.size, readCount: audience.size - unread.length, unread });
}

export async function noticeHistory(deps: CoreDeps, { actor }: Session, input: { noticeId: string }) {
  authorize(actor, 'notice.history', { estateId: currentEstate(actor) });
  const n = await load(deps.store, actor, input.noticeId);
  const revisions = await deps.store.find<NoticeRevision>(C.revisions, { where: { noticeId: n._id }, orderBy: [['version', 'desc']], limit: 100 });
  return outcome(revisions.items.map(({ version, title, body, editedAt }) => ({ version, title, body, editedAt })));
}

