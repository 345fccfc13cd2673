import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, fileId, id, line } from '../shared/schemas';
import type { Role } from '../auth/types';
import type { RecordKind } from './record';
import {
  FUNDING_SOURCES,
  MATTERS,
  POSITION_PARTIES,
  PROPOSAL_STAGES,
  type FundingSource,
  type MatterCode,
  type PositionParty,
  type ProposalAction,
  type ProposalParty,
  type ProposalResult,
  type ProposalStatus,
} from './types';

/** One thing the caller may do now, and the role they would sign in. */
export interface ProposalMove {
  action: ProposalAction;
  as: ProposalParty;
}

export interface ProposalView {
  id: string;
  title: string;
  background: string;
  plan: string;
  costFen: number;
  funding: FundingSource;
  matter: MatterCode;
  attachments: string[];
  status: ProposalStatus;
  version: number;
  /** 业主 李* · or 物业 刘经理: owners masked, staff by name. */
  author: { name: string; role: Role };
  /** Signatures gathered at the joint review. */
  signed: ProposalParty[];
  decision: { matter: MatterCode; startsAt: number; endsAt: number } | null;
  result: ProposalResult | null;
  publications: { decision: string | null; outcome: string | null; publicity: string | null };
  createdAt: number;
  updatedAt: number;
  /** What the caller may do now, each in the role it needs (from the state table and permission rules). */
  moves: ProposalMove[];
  mine: boolean;
  /** The caller may edit the text (author, in draft or returned). */
  editable: boolean;
}

export interface RecordView {
  seq: number;
  kind: RecordKind;
  actorName: string;
  role: ProposalParty;
  at: number;
  from: ProposalStatus | null;
  to: ProposalStatus | null;
  opinion: string | null;
  data: Record<string, unknown> | null;
  hash: string;
}

export interface PositionView {
  party: PositionParty;
  text: string;
  byName: string;
  at: number;
}

export interface CommentView {
  id: string;
  text: string;
  byName: string;
  /** 3栋 for residents, the role for staff. */
  byLabel: string;
  at: number;
}

export interface PollView {
  question: string;
  options: string[];
  counts: Record<string, number>;
  total: number;
  /** My home's answer, if one of my homes answered. */
  mine: string | null;
  open: boolean;
}

export interface ProposalDetail {
  proposal: ProposalView;
  records: RecordView[];
  positions: PositionView[];
  comments: CommentView[];
  poll: PollView | null;
}

const content = {
  title: line(60, 4),
  background: line(2000, 10),
  plan: line(4000, 10),
  /** Estimated cost in fen (分). */
  costFen: z.number().int().min(0).max(100_000_000_000),
  funding: z.enum(FUNDING_SOURCES),
  matter: z.enum(MATTERS),
  attachments: z.array(fileId()).max(9).optional(),
};
const ref = { proposalId: id() };
const opinion = line(500, 2);
const reviewer = z.enum(['branch', 'committee', 'property', 'community']);
const DAY = 86_400_000;

export type ProposalPage = { items: ProposalView[]; nextCursor: string | null };

/** The `proposal` function: proposals and the path 一议三审三公开. */
export const proposalApi = {
  create: action<ProposalView>()({
    summary: '业主或物业起草议题：标题、背景、具体方案、预计费用（分）和出资方式、附件、事项类别（民法典第278条九类事项、日常事务或征求意见）',
    input: z.object(content).strict(),
    reply: 'ProposalView (status: draft)',
  }),
  update: action<ProposalView>()({
    summary: '作者修改草稿或被退回的议题；提交过的每一版都留在过程记录里',
    input: z.object({ ...ref, ...content }).partial().required({ proposalId: true }).strict(),
    reply: 'ProposalView',
  }),
  submit: action<ProposalView>()({
    summary: '一议：作者提交（或修改后重新提交）议题，交党支部受理',
    input: z.object(ref).strict(),
    reply: 'ProposalView (status: submitted)',
  }),
  withdraw: action<ProposalView>()({
    summary: '作者在公示之前撤回议题，写明原因',
    input: z.object({ ...ref, reason: opinion }).strict(),
    reply: 'ProposalView (status: withdrawn)',
  }),
  list: action<ProposalPage>()({
    summary: '本小区的议题，按阶段（审核中、公示与表决、已决定、未通过与撤回）或我的，最新在前，分页',
    input: z.object({ stage: z.enum([...(Object.keys(PROPOSAL_STAGES) as [keyof typeof PROPOSAL_STAGES]), 'mine']).optional(), cursor: cursor() }).strict(),
    reply: '{ items: [ProposalView], nextCursor }',
  }),
  get: action<ProposalDetail>()({
    summary: '议题详情：内容、过程记录（每一步谁以什么身份、何时、什么意见、每一版）、四方立场、最近的评论、征求意见结果，以及我现在能做的操作',
    input: z.object(ref).strict(),
    reply: '{ proposal: ProposalView, records: [RecordView], positions: [PositionView], comments: [CommentView], poll: PollView | null }',
  }),
  accept: action<ProposalView>()({
    summary: '党支部受理已提交的议题，开始初审',
    input: z.object({ ...ref, as: reviewer, opinion: line(500).optional() }).strict(),
    reply: 'ProposalView (status: branchReview)',
  }),
  approve: action<ProposalView>()({
    summary: '审核通过并签署意见：党支部初审；业委会和物业联审（两方都签才进入下一步）；联席会议（社区）审定备案，并定下表决方式和表决时间',
    input: z
      .object({
        ...ref,
        as: reviewer,
        opinion,
        /** The joint meeting only: how it is decided and when. */
        decision: z
          .object({
            matter: z.enum(MATTERS),
            startsAt: z.number().int().positive(),
            endsAt: z.number().int().positive(),
          })
          .strict()
          .refine((d) => d.endsAt > d.startsAt, '表决结束时间应晚于开始时间')
          .refine((d) => d.endsAt - d.startsAt <= 60 * DAY, '表决时间最长 60 天')
          .optional(),
      })
      .strict(),
    reply: 'ProposalView',
  }),
  reject: action<ProposalView>()({
    summary: '审核不通过，写明理由（本步的审核人）',
    input: z.object({ ...ref, as: reviewer, opinion }).strict(),
    reply: 'ProposalView (status: rejected)',
  }),
  returnForRevision: action<ProposalView>()({
    summary: '退回作者修改，写明要改什么（本步的审核人）',
    input: z.object({ ...ref, as: reviewer, opinion }).strict(),
    reply: 'ProposalView (status: returned)',
  }),
  comment: action<CommentView>()({
    summary: '认证居民和四方在审核和公示期间发表评论（经内容安全检查）',
    input: z.object({ ...ref, text: line(500, 2) }).strict(),
    reply: 'CommentView',
  }),
  comments: action<{ items: CommentView[]; nextCursor: string | null }>()({
    summary: '议题的评论，最新在前，分页',
    input: z.object({ ...ref, cursor: cursor() }).strict(),
    reply: '{ items: [CommentView], nextCursor }',
  }),
  position: action<PositionView>()({
    summary: '四方（党支部、业委会、物业、居民代表）发表本方的正式立场，与评论分开记录，记入过程记录',
    input: z.object({ ...ref, party: z.enum(POSITION_PARTIES), text: line(1000, 2) }).strict(),
    reply: 'PositionView',
  }),
  attachPoll: action<PollView>()({
    summary: '为议题附上征求意见（每户一票），作者或审核方发起，公示结束前可答',
    input: z.object({ ...ref, question: line(100, 4), options: z.array(line(20)).min(2).max(6) }).strict(),
    reply: 'PollView',
  }),
  answerPoll: action<PollView>()({
    summary: '认证居民以自己的一户回答征求意见（每户一票，可改，以最后一次为准）',
    input: z.object({ ...ref, option: line(20), homeId: id().optional() }).strict(),
    reply: 'PollView',
  }),
  openVote: action<ProposalView>()({
    summary: '社区在表决开始时间到后开始表决（定时任务也会自动开始）；按登记的房屋面积生成表决名册',
    input: z.object(ref).strict(),
    reply: 'ProposalView (status: voting)',
  }),
  closeVote: action<ProposalView>()({
    summary: '结束表决并计票、公布决议：到结束时间由定时任务结束；社区只能在所有人都已投票时提前结束',
    input: z.object(ref).strict(),
    reply: 'ProposalView (status: decided)',
  }),
  implement: action<ProposalView>()({
    summary: '通过的议题开始实施（作者、业委会或物业）',
    input: z.object({ ...ref, note: line(500).optional() }).strict(),
    reply: 'ProposalView (status: implementing)',
  }),
  progress: action<ProposalView>()({
    summary: '实施进展：说明和照片，记入过程记录',
    input: z.object({ ...ref, note: line(500, 2), photos: z.array(fileId()).max(9).optional() }).strict(),
    reply: 'ProposalView',
  }),
  complete: action<ProposalView>()({
    summary: '实施完成，写明结果和照片，结果公开发布为公告',
    input: z.object({ ...ref, outcome: line(1000, 2), photos: z.array(fileId()).max(9).optional() }).strict(),
    reply: 'ProposalView (status: completed)',
  }),
  verify: action<{ ok: boolean; length: number; brokenAt: number | null; reason: string | null; head: string }>()({
    summary: '重新计算过程记录的哈希链，检查是否被改动',
    input: z.object(ref).strict(),
    reply: '{ ok, length, brokenAt, reason, head }',
  }),
};
