import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id, line } from '../shared/schemas';
import type { EntryKind, RedemptionStatus, RewardStatus } from './types';

export interface EntryView {
  id: string;
  amount: number;
  kind: EntryKind;
  reason: string;
  ref: string | null;
  at: number;
  balanceAfter: number;
  /** Already corrected by a later reversal. */
  reversed?: boolean;
}

export interface RewardView {
  id: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  status: RewardStatus;
}

export interface RedemptionView {
  id: string;
  rewardId: string;
  rewardName: string;
  price: number;
  status: RedemptionStatus;
  /** The redeemer: full name for staff (they hand the goods over), and for the redeemer. */
  userName: string;
  createdAt: number;
  closedAt: number | null;
  cancelReason: string | null;
}

export interface VolunteerView {
  userId: string;
  name: string;
  partyMember: boolean;
  balance: number;
  wishesFulfilled: number;
}

const amount = z.number().int().min(1).max(1000);

/** The `points` function: volunteer points (志愿积分) and the rewards shop (先锋银行). */
export const pointsApi = {
  mine: action<{ balance: number; wishesFulfilled: number; entries: EntryView[]; nextCursor: string | null }>()({
    summary: '我的积分：余额和积分明细（最新在前，分页）',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ balance, wishesFulfilled, entries: [EntryView], nextCursor }',
  }),
  ranking: action<Array<{ rank: number; name: string; wishesFulfilled: number; me: boolean }>>()({
    summary: '志愿者排行：按完成（发布人已确认）的心愿数，前 20 名，姓名打码',
    input: z.object({}).strict(),
    reply: '[{ rank, name, wishesFulfilled, me }]',
  }),
  volunteers: action<{ wishPoints: number; items: VolunteerView[] }>()({
    summary: '党支部、社区：本小区的志愿者和他们的积分余额，以及每个心愿的积分数',
    input: z.object({}).strict(),
    reply: '{ wishPoints, items: [VolunteerView] }',
  }),
  ledger: action<{ balance: number; entries: EntryView[]; nextCursor: string | null }>()({
    summary: '党支部、社区：一位志愿者的积分明细',
    input: z.object({ userId: id(), cursor: cursor() }).strict(),
    reply: '{ balance, entries: [EntryView], nextCursor }',
  }),
  credit: action<EntryView>()({
    summary: '党支部、社区：为线下志愿服务给志愿者记积分，写明原因；记录是谁记的',
    input: z.object({ userId: id(), amount, reason: line(100, 2) }).strict(),
    reply: 'EntryView',
  }),
  reverse: action<EntryView>()({
    summary: '党支部、社区：冲正一笔记错的积分（新增一笔相反的记录，原记录不改不删）；余额不能因此变为负数',
    input: z.object({ entryId: id(), reason: line(100, 2) }).strict(),
    reply: 'EntryView (the reversing entry)',
  }),
  configure: action<{ wishPoints: number }>()({
    summary: '党支部、社区：设定每完成一个心愿获得的积分（之后发布的心愿按新数）',
    input: z.object({ wishPoints: z.number().int().min(1).max(100) }).strict(),
    reply: '{ wishPoints }',
  }),
  rewards: action<RewardView[]>()({
    summary: '先锋银行的礼品：在架的礼品；党支部、社区还能看到已下架的',
    input: z.object({}).strict(),
    reply: '[RewardView]',
  }),
  saveReward: action<RewardView>()({
    summary: '党支部、社区：上架新礼品或修改礼品（名称、说明、所需积分、库存、上下架）',
    input: z
      .object({
        rewardId: id().optional(),
        name: line(30, 1),
        description: z.string().trim().max(200).optional(),
        price: z.number().int().min(1).max(100000),
        stock: z.number().int().min(0).max(100000),
        status: z.enum(['active', 'retired']).optional(),
      })
      .strict(),
    reply: 'RewardView',
  }),
  redeem: action<RedemptionView>()({
    summary: '用积分兑换一件礼品：扣积分和减库存一起成功或一起不做；库存不会为负，余额不会为负',
    input: z.object({ rewardId: id() }).strict(),
    reply: 'RedemptionView (status: requested)',
  }),
  myRedemptions: action<RedemptionView[]>()({
    summary: '我的兑换记录，最新在前（最近 50 条）',
    input: z.object({}).strict(),
    reply: '[RedemptionView]',
  }),
  redemptions: action<{ items: RedemptionView[]; nextCursor: string | null }>()({
    summary: '党支部、社区：兑换申请，默认待领取的，最早的在前，分页',
    input: z.object({ status: z.enum(['requested', 'handedOver', 'cancelled']).optional(), cursor: cursor() }).strict(),
    reply: '{ items: [RedemptionView], nextCursor }',
  }),
  handOver: action<RedemptionView>()({
    summary: '党支部、社区：礼品已交给志愿者',
    input: z.object({ redemptionId: id() }).strict(),
    reply: 'RedemptionView (status: handedOver)',
  }),
  cancelRedemption: action<RedemptionView>()({
    summary: '党支部、社区：取消一笔兑换，退回积分、恢复库存（一起完成）',
    input: z.object({ redemptionId: id(), reason: line(100, 2) }).strict(),
    reply: 'RedemptionView (status: cancelled)',
  }),
};
