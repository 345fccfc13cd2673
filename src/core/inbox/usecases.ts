/** The inbox: one's own notifications, subscribe-message grants and preferences. */
import { outcome, type Outcome } from '../shared/events';
import type { CoreDeps } from '../shared/deps';
import { authorize, type Session } from '../auth/session';
import type { InboxItemView, NotificationPrefs } from './api';
import { INBOX_COLLECTIONS as C, type InboxItem } from './types';

const view = (i: InboxItem): InboxItemView => ({ id: i._id, kind: i.kind, title: i.title, body: i.body, link: i.link, createdAt: i.createdAt, read: i.readAt !== null });

const unread = (deps: CoreDeps, userId: string) => deps.store.count(C.inbox, { userId, readAt: null });

// Every inbox action is about the caller's own items: the session's user is the whole scope.
export async function listInbox(deps: CoreDeps, { user, actor }: Session, input: { cursor?: string | null }) {
  authorize(actor, 'inbox.list');
  const page = await deps.store.find<InboxItem>(C.inbox, { where: { userId: user._id }, orderBy: [['createdAt', 'desc']], limit: 20, cursor: input.cursor ?? null });
  return outcome({ items: page.items.map(view), nextCursor: page.nextCursor, unread: await unread(deps, user._id) });
}

export async function unreadCount(deps: CoreDeps, { user, actor }: Session) {
  authorize(actor, 'inbox.unreadCount');
  return outcome({ unread: await unread(deps, user._id) });
}

export async function markRead(deps: CoreDeps, { user, actor }: Session, input: { itemId: string }) {
  authorize(actor, 'inbox.markRead');
  // The condition on userId makes another person's item simply not match.
  const changed = await deps.store.update(C.inbox, input.itemId, { set: { readAt: deps.clock.now() } }, { userId: user._id, readAt: null });
  return outcome({ changed });
}

export async function markAllRead(deps: CoreDeps, { user, actor }: Session) {
  authorize(actor, 'inbox.markAllRead');
  return outcome({ changed: await deps.store.updateMany(C.inbox, { userId: user._id, readAt: null }, { set: { readAt: deps.clock.now() } }) });
}

async function prefsOf(deps: CoreDeps, userId: string): Promise<NotificationPrefs> {
  const prefs = await deps.store.get<{ _id: string; muted: string[] }>(C.prefs, userId);
  const grants = await deps.store.find<{ _id: string; userId: string; key: string; count: number }>(C.grants, { where: { userId }, limit: 50 });
  return { muted: prefs?.muted ?? [], grants: Object.fromEntries(grants.items.map((g) => [g.key, g.count])) };
}

export async function prefs(deps: CoreDeps, { user, actor }: Session) {
  authorize(actor, 'inbox.prefs');
  return outcome(await prefsOf(deps, user._id));
}

/** Each template the person accepted in wx.requestSubscribeMessage allows one more message. */
export async function grant(deps: CoreDeps, { user, actor }: Session, input: { templateKeys: string[] }): Promise<Outcome<NotificationPrefs>> {
  authorize(actor, 'inbox.grant');
  for (const key of new Set(input.templateKeys)) {
    const id = `${user._id}.${key}`;
    if (!(await deps.store.update(C.grants, id, { inc: { count: 1 } }))) {
      await deps.store.insert(C.grants, { _id: id, userId: user._id, key, count: 1 }).catch(async () => {
        await deps.store.update(C.grants, id, { inc: { count: 1 } }); // created meanwhile by a parallel grant
      });
    }
  }
  return outcome(await prefsOf(deps, user._id));
}

export async function setPrefs(deps: CoreDeps, { user, actor }: Session, input: { muted: string[] }) {
  authorize(actor, 'inbox.setPrefs');
  const muted = [...new Set(input.muted)];
  if (!(await deps.store.update(C.prefs, user._id, { set: { muted } }))) {
    await deps.store.insert(C.prefs, { _id: user._id, muted }).catch(() => deps.store.update(C.prefs, user._id, { set: { muted } }));
  }
  return outcome(await prefsOf(deps, user._id));
}

/** Reading the thing a notification points at reads the notification too. */
export const markReadByLink = (deps: Pick<CoreDeps, 'store' | 'clock'>, userId: string, link: string) =>
  deps.store.updateMany(C.inbox, { userId, link, readAt: null }, { set: { readAt: deps.clock.now() } });
