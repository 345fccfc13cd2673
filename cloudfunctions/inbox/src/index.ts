import { inboxApi } from '../../../src/core/inbox/api';
import { grant, listInbox, markAllRead, markRead, prefs, setPrefs, unreadCount } from '../../../src/core/inbox/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 消息与订阅: the in-app inbox, subscribe-message grants and notification settings. */
export const main = defineFunction(inboxApi, {
  list: withSession(listInbox),
  unreadCount: withSession(unreadCount),
  markRead: withSession(markRead),
  markAllRead: withSession(markAllRead),
  grant: withSession(grant),
  prefs: withSession(prefs),
  setPrefs: withSession(setPrefs),
});
