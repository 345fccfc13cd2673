import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, fileId, id, line } from '../shared/schemas';
import type { Figures } from './figures';
import {
  REQUEST_CATEGORIES,
  REQUEST_TYPES,
  URGENCIES,
  type Rating,
  type RequestAction,
  type RequestCategory,
  type RequestParty,
  type RequestStatus,
  type RequestType,
  type Targets,
  type Urgency,
} from './types';

export interface RequestView {
  id: string;
  type: RequestType;
  category: RequestCategory;
  urgency: Urgency;
  description: string;
  photos: string[];
  placeLabel: string;
  status: RequestStatus;
  /** The resident: masked (王* · 3栋) for those with no need; name and phone for the handlers. */
  author: { name: string; phone: string | null };
  handler: { name: string } | null;
  supporters: number;
  /** The caller said "me too". */
  supported: boolean;
  acceptBy: number;
  resolveBy: number;
  /** The deadline that matters now, and minutes left (negative: late). */
  dueAt: number | null;
  minutesLeft: number | null;
  overdue: boolean;
  escalated: boolean;
  submittedAt: number;
  acceptedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  resolution: { note: string; before: string[]; after: string[] } | null;
  rating: Rating | null;
  /** What the caller may do now (state table and permission rules). */
  actions: RequestAction[];
  mine: boolean;
}

export interface StepView {
  kind: string;
  from: RequestStatus | null;
  to: RequestStatus | null;
  byName: string;
  party: RequestParty | 'resident';
  at: number;
  note: string | null;
  photos: string[];
}

export type RequestPage = { items: RequestView[]; nextCursor: string | null };

const photos = z.array(fileId()).max(9);
const ref = { requestId: id() };
const location = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('home'), homeId: id().optional() }).strict(),
  z.object({ kind: z.literal('building'), building: line(10) }).strict(),
  z.object({ kind: z.literal('common'), place: line(30, 2) }).strict(),
]);
const score = z.number().int().min(1).max(5);
const minutes = z.number().int().min(10).max(60 * 24 * 60);
const target = z.object({ acceptMin: minutes, resolveMin: minutes }).strict();
const byUrgency = z.object({ urgent: target, normal: target }).strict();
const period = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().positive() })
  .strict()
  .refine((p) => p.to > p.from, '结束时间应晚于开始时间')
  .refine((p) => p.to - p.from <= 366 * 86_400_000, '统计期最长一年');

/** The `request` function: residents' requests to the property company (诉求). */
export const requestApi = {
  submit: action<RequestView>()({
    summary: '认证居民提交诉求：类型（报修、投诉、建议、咨询）、类别、描述、照片、位置（自家、某栋楼或公共区域）、紧急程度；经内容安全检查，手机号身份证号打码',
    input: z.object({ type: z.enum(REQUEST_TYPES), category: z.enum(REQUEST_CATEGORIES), urgency: z.enum(URGENCIES), description: line(500, 4), photos: photos.optional(), location }).strict(),
    reply: 'RequestView (status: submitted)',
  }),
  similar: action<RequestView[]>()({
    summary: '提交前：同一类别、同一位置尚未办结的诉求，可以点“我也遇到了”而不重复提交',
    input: z.object({ category: z.enum(REQUEST_CATEGORIES), location }).strict(),
    reply: '[RequestView]',
  }),
  support: action<RequestView>()({
    summary: '我也遇到了：为一个未办结的诉求添上自己，处理人能看到有多少人遇到',
    input: z.object(ref).strict(),
    reply: 'RequestView',
  }),
  withdraw: action<RequestView>()({
    summary: '居民撤回还没有人受理的诉求',
    input: z.object({ ...ref, reason: line(200).optional() }).strict(),
    reply: 'RequestView (status: withdrawn)',
  }),
  mine: action<RequestPage>()({
    summary: '我提交的诉求，最新在前，分页',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [RequestView], nextCursor }',
  }),
  get: action<{ request: RequestView; steps: StepView[] }>()({
    summary: '诉求详情和每一步记录；提交人、物业和社区可以看',
    input: z.object(ref).strict(),
    reply: '{ request: RequestView, steps: [StepView] }',
  }),
  queue: action<RequestPage>()({
    summary: '物业、社区：待办的诉求，按剩余时间排（最急的在前）；可只看我处理的或已超时的',
    input: z.object({ scope: z.enum(['open', 'mine', 'overdue', 'transferred']).optional(), cursor: cursor() }).strict(),
    reply: '{ items: [RequestView], nextCursor }',
  }),
  staff: action<Array<{ userId: string; name: string }>>()({
    summary: '物业：可以指派的物业工作人员',
    input: z.object({}).strict(),
    reply: '[{ userId, name }]',
  }),
  accept: action<RequestView>()({
    summary: '受理并派单：物业经理指派给一位物业工作人员，或工作人员自己接单；转到社区的由社区受理。两人同时接单只有一人成功',
    input: z.object({ ...ref, handlerId: id().optional() }).strict(),
    reply: 'RequestView (status: accepted)',
  }),
  note: action<RequestView>()({
    summary: '处理人记录进展（可附照片）',
    input: z.object({ ...ref, note: line(500, 2), photos: photos.optional() }).strict(),
    reply: 'RequestView',
  }),
  transfer: action<RequestView>()({
    summary: '物业：不属于物业职责的诉求转给社区，写明原因',
    input: z.object({ ...ref, reason: line(200, 2) }).strict(),
    reply: 'RequestView (status: transferred)',
  }),
  resolve: action<RequestView>()({
    summary: '处理完成：写明处理结果，附处理前后的照片，等居民确认',
    input: z.object({ ...ref, note: line(500, 2), before: photos.optional(), after: photos.optional() }).strict(),
    reply: 'RequestView (status: resolved)',
  }),
  confirm: action<RequestView>()({
    summary: '居民确认解决并评价（响应速度、处理结果、服务态度，各 1–5 分），结案',
    input: z.object({ ...ref, rating: z.object({ speed: score, result: score, attitude: score }).strict(), comment: line(200).optional() }).strict(),
    reply: 'RequestView (status: closed)',
  }),
  reopen: action<RequestView>()({
    summary: '居民认为没有解决，写明原因，重新处理',
    input: z.object({ ...ref, reason: line(200, 2) }).strict(),
    reply: 'RequestView (status: reopened)',
  }),
  dashboard: action<Figures>()({
    summary: '物业、业委会、社区：一段时间内的诉求分析——按类别和楼栋的数量、按时办结率、受理和办结用时的中位数和平均数（附样本数，样本太少不显示）、重开率、满意度、最慢的未办结诉求',
    input: period,
    reply: 'Figures',
  }),
  export: action<{ filename: string; csv: string }>()({
    summary: '把同一段时间的统计导出为 CSV（月报用）',
    input: period,
    reply: '{ filename, csv }',
  }),
  settings: action<{ targets: Targets; autoCloseDays: number }>()({
    summary: '本小区的时限：各类型、紧急程度受理和办结的目标时间（分钟），以及未确认自动结案的天数',
    input: z.object({}).strict(),
    reply: '{ targets, autoCloseDays }',
  }),
  configure: action<{ targets: Targets; autoCloseDays: number }>()({
    summary: '社区：设定本小区的时限（之后提交的诉求按新时限）',
    input: z
      .object({
        targets: z.object({ repair: byUrgency, complaint: byUrgency, suggestion: byUrgency, question: byUrgency }).strict().optional(),
        autoCloseDays: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    reply: '{ targets, autoCloseDays }',
  }),
};
