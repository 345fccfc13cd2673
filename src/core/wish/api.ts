import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, fileId, id, line } from '../shared/schemas';
import {
  CONTACT_VISIBILITIES,
  MAX_PHOTOS,
  WALL_STATUSES,
  WISH_CATEGORIES,
  type ContactVisibility,
  type WishAction,
  type WishCategory,
  type WishParty,
  type WishStatus,
} from './types';

export interface WishView {
  id: string;
  title: string;
  description: string;
  category: WishCategory;
  photos: string[];
  /** Epoch ms, or null for none. */
  deadline: number | null;
  status: WishStatus;
  points: number;
  /** The author, masked for everyone but themselves and staff: { name: 王*, building: 3栋 }. */
  author: { name: string; building: string };
  /** Name, phone and room: only for those the author allowed (see `contact`), else null. */
  contactDetails: { name: string; phone: string; home: string } | null;
  contact: ContactVisibility;
  /** The volunteer who holds it, masked to others than the author, staff and themselves. */
  claimer: { name: string } | null;
  fulfilNote: string | null;
  fulfilPhotos: string[];
  createdAt: number;
  updatedAt: number;
  /** What the caller may do now, from the state table and the permission rules. */
  actions: WishAction[];
  /** The caller's capacities on this wish. */
  mine: { author: boolean; claimer: boolean };
}

export interface WishStep {
  from: WishStatus | null;
  to: WishStatus;
  action: WishAction | 'post';
  party: WishParty;
  /** Masked unless the viewer is author, claimer or staff; '系统' for the timer. */
  byName: string;
  at: number;
  reason: string | null;
}

export type WishPage = { items: WishView[]; nextCursor: string | null };

const photos = z.array(fileId()).max(MAX_PHOTOS);
const wishRef = { wishId: id() };

/** The `wish` function: micro-wishes (微心愿). */
export const wishApi = {
  post: action<WishView>()({
    summary: '认证居民发布微心愿：标题、描述、类别、照片、截止时间、联系方式给谁看；经内容安全检查，需人工复核的先待审核。文中的手机号、身份证号打码保存',
    input: z
      .object({
        title: line(40, 2),
        description: line(500, 2),
        category: z.enum(WISH_CATEGORIES),
        photos: photos.optional(),
        /** Epoch ms, later than now; omitted or null: none. */
        deadline: z.number().int().positive().nullable().optional(),
        contact: z.enum(CONTACT_VISIBILITIES).optional(),
        /** Which of the author's homes it is for; default their first verified home. */
        homeId: id().optional(),
      })
      .strict(),
    reply: 'WishView (status: open, or pending when it waits for a person to review it)',
  }),
  list: action<WishPage>()({
    summary: '心愿墙：本小区的心愿，最新在前，可按类别和状态筛选，分页；发布人姓名和楼栋已打码',
    input: z.object({ category: z.enum(WISH_CATEGORIES).optional(), status: z.enum(WALL_STATUSES).optional(), cursor: cursor() }).strict(),
    reply: '{ items: [WishView], nextCursor } (status defaults to open)',
  }),
  mine: action<WishPage>()({
    summary: '我发布的心愿（所有状态），最新在前，分页',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [WishView], nextCursor }',
  }),
  claims: action<WishPage>()({
    summary: '我认领的心愿（正在做的和已完成的），最新在前，分页',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [WishView], nextCursor }',
  }),
  get: action<{ wish: WishView; steps: WishStep[] }>()({
    summary: '一个心愿的详情和它的每一步记录（谁、何时、从何状态到何状态、原因），以及我现在能做的操作',
    input: z.object(wishRef).strict(),
    reply: '{ wish: WishView, steps: [WishStep] }',
  }),
  pending: action<WishPage>()({
    summary: '党支部、社区：等待人工审核的心愿，最早的在前',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [WishView], nextCursor }',
  }),
  approve: action<WishView>()({
    summary: '党支部、社区：审核通过一个待审核的心愿，上墙',
    input: z.object(wishRef).strict(),
    reply: 'WishView (status: open)',
  }),
  reject: action<WishView>()({
    summary: '党支部、社区：驳回一个待审核的心愿并写明原因',
    input: z.object({ ...wishRef, reason: line(200, 2) }).strict(),
    reply: 'WishView (status: rejected)',
  }),
  claim: action<WishView>()({
    summary: '志愿者、党员认领一个待认领的心愿；同时认领只有一人成功，其余得到 CONFLICT',
    input: z.object(wishRef).strict(),
    reply: 'WishView (status: claimed)',
  }),
  release: action<WishView>()({
    summary: '认领人放弃认领，心愿回到待认领',
    input: z.object({ ...wishRef, reason: line(200).optional() }).strict(),
    reply: 'WishView (status: open)',
  }),
  fulfil: action<WishView>()({
    summary: '认领人标记已完成，附说明和照片，等发布人确认',
    input: z.object({ ...wishRef, note: line(500, 2), photos: photos.optional() }).strict(),
    reply: 'WishView (status: fulfilled)',
  }),
  confirm: action<WishView>()({
    summary: '发布人确认心愿已完成；认领人获得积分，无论重试多少次只记一次',
    input: z.object(wishRef).strict(),
    reply: 'WishView (status: confirmed)',
  }),
  dispute: action<WishView>()({
    summary: '发布人认为还没有完成，写明原因，心愿回到已认领',
    input: z.object({ ...wishRef, reason: line(200, 2) }).strict(),
    reply: 'WishView (status: claimed)',
  }),
  cancel: action<WishView>()({
    summary: '发布人在完成之前取消自己的心愿',
    input: z.object({ ...wishRef, reason: line(200).optional() }).strict(),
    reply: 'WishView (status: cancelled)',
  }),
};
