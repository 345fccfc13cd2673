import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id, line } from '../shared/schemas';
import type { Role } from '../auth/types';
import { NOTICE_CATEGORIES, type NoticeBlock, type NoticeCategory, type NoticeStatus } from './types';

export interface NoticeView {
  id: string;
  title: string;
  body: NoticeBlock[];
  category: NoticeCategory;
  /** Building names, or ['*'] for the whole estate. */
  audience: string[];
  pinned: boolean;
  status: NoticeStatus;
  /** Published and past its expiry: no longer listed. */
  expired: boolean;
  authorName: string;
  authorRole: Role;
  publishedAt: number | null;
  updatedAt: number;
  expiresAt: number | null;
  withdrawnAt: number | null;
  withdrawReason: string | null;
  readCount: number;
  /** Edited after publishing: its revisions are in `history`. */
  edited: boolean;
}

export interface UnreadReport {
  audienceSize: number;
  readCount: number;
  /** Who has not read it yet, masked (张*, 3栋), for follow-up. */
  unread: Array<{ name: string; building: string }>;
}

const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ type: z.literal('image'), fileId: z.string().trim().min(1).max(512), caption: z.string().trim().max(100).optional() }).strict(),
  z.object({ type: z.literal('attachment'), fileId: z.string().trim().min(1).max(512), name: z.string().trim().min(1).max(100) }).strict(),
]);
const fields = {
  title: line(60, 2),
  body: z.array(block).min(1).max(50),
  category: z.enum(NOTICE_CATEGORIES),
  /** Omitted or empty: the whole estate. */
  buildings: z.array(line(10)).max(100).optional(),
  pinned: z.boolean().optional(),
  /** Epoch ms; null or omitted: never. */
  expiresAt: z.number().int().positive().nullable().optional(),
};

/** The `notice` function: notices (公告). */
export const noticeApi = {
  create: action<NoticeView>()({
    summary: '起草公告（党支部、业委会、物业、社区，各以自己的名义发布本类别）：标题、正文段落/图片/附件、类别、对象楼栋、置顶、有效期',
    input: z.object(fields).strict(),
    reply: 'NoticeView (status: draft)',
  }),
  update: action<NoticeView>()({
    summary: '修改自己的公告；已发布的公告修改后保留修改记录',
    input: z.object({ noticeId: id(), ...fields, title: fields.title.optional(), body: fields.body.optional(), category: fields.category.optional() }).strict(),
    reply: 'NoticeView',
  }),
  publish: action<NoticeView>()({
    summary: '发布自己的草稿',
    input: z.object({ noticeId: id() }).strict(),
    reply: 'NoticeView (status: published)',
  }),
  withdraw: action<NoticeView>()({
    summary: '撤回自己已发布的公告并写明原因；撤回的公告仍在，注明已撤回',
    input: z.object({ noticeId: id(), reason: line(200, 2) }).strict(),
    reply: 'NoticeView (status: withdrawn)',
  }),
  list: action<{ items: NoticeView[]; nextCursor: string | null }>()({
    summary: '本小区我能看到的公告：置顶在前，其余最新在前，分页；未认证访客只看到面向全体的公告',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [NoticeView], nextCursor }',
  }),
  drafts: action<NoticeView[]>()({
    summary: '我起草的、尚未发布的公告',
    input: z.object({}).strict(),
    reply: '[NoticeView]',
  }),
  get: action<NoticeView>()({
    summary: '打开一条公告；已发布的公告记下我已读（每人一次）',
    input: z.object({ noticeId: id() }).strict(),
    reply: 'NoticeView',
  }),
  unread: action<UnreadReport>()({
    summary: '发布者查看谁还没有读（姓名、楼栋已打码）',
    input: z.object({ noticeId: id() }).strict(),
    reply: '{ audienceSize, readCount, unread: [{ name, building }] }',
  }),
  history: action<Array<{ version: number; title: string; body: NoticeBlock[]; editedAt: number }>>()({
    summary: '公告的修改记录（修改前的各个版本）',
    input: z.object({ noticeId: id() }).strict(),
    reply: '[{ version, title, body, editedAt }]',
  }),
};
