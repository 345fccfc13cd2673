import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id, line } from '../shared/schemas';

export interface InboxItemView {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** A page of the app to open, e.g. /pages/notice/detail?id=… */
  link: string | null;
  createdAt: number;
  read: boolean;
}

export interface NotificationPrefs {
  /** Event kinds the person does not want as WeChat subscribe messages (the inbox keeps everything). */
  muted: string[];
  /** Subscribe-message grants left, per template key. */
  grants: Record<string, number>;
}

/** The `inbox` function: in-app notifications, subscribe-message grants and preferences. */
export const inboxApi = {
  list: action<{ items: InboxItemView[]; nextCursor: string | null; unread: number }>()({
    summary: '我的消息，最新在前，分页；附未读数（用于底部“我的”角标）',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [{ id, kind, title, body, link, createdAt, read }], nextCursor, unread }',
  }),
  unreadCount: action<{ unread: number }>()({
    summary: '未读消息数',
    input: z.object({}).strict(),
    reply: '{ unread }',
  }),
  markRead: action<{ changed: boolean }>()({
    summary: '标记一条消息已读',
    input: z.object({ itemId: id() }).strict(),
    reply: '{ changed }',
  }),
  markAllRead: action<{ changed: number }>()({
    summary: '全部标记已读',
    input: z.object({}).strict(),
    reply: '{ changed }',
  }),
  grant: action<NotificationPrefs>()({
    summary: '记录用户在 wx.requestSubscribeMessage 中同意的订阅消息模板（每次同意可发送一条）',
    input: z.object({ templateKeys: z.array(line(40)).min(1).max(3) }).strict(),
    reply: '{ muted, grants }',
  }),
  prefs: action<NotificationPrefs>()({
    summary: '我的通知设置',
    input: z.object({}).strict(),
    reply: '{ muted, grants }',
  }),
  setPrefs: action<NotificationPrefs>()({
    summary: '设置哪些通知不用微信订阅消息提醒（站内消息始终保留）',
    input: z.object({ muted: z.array(line(40)).max(50) }).strict(),
    reply: '{ muted, grants }',
  }),
};
