import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id, line, mobile } from '../shared/schemas';
import type { BindingRelation, BindingStatus } from './types';

export interface BindingView {
  id: string;
  estateId: string;
  estateName: string;
  homeId: string;
  /** 3栋2单元501 for the applicant and staff; 3栋 for anyone else. */
  homeLabel: string;
  relation: BindingRelation;
  status: BindingStatus;
  /** Full for the applicant and the staff reviewing it; masked (张*) for anyone else. */
  realName: string;
  /** Full for the applicant and the staff reviewing it; masked (138****1234) for anyone else. */
  phone: string;
  reason: string | null;
  createdAt: number;
  reviewedAt: number | null;
}

const relation = z.enum(['owner', 'tenant', 'family']);

/** The `binding` function: residents bind to homes (房屋认证), staff review. */
export const bindingApi = {
  apply: action<BindingView>()({
    summary: '申请绑定当前小区的一套房屋，身份为业主、租户或家属，填写真实姓名和手机号；待党支部、物业或社区审核',
    input: z.object({ homeId: id(), relation, realName: line(20, 2), phone: mobile() }).strict(),
    reply: 'BindingView (status: pending)',
  }),
  mine: action<BindingView[]>()({
    summary: '我的房屋绑定（所有小区），含审核状态',
    input: z.object({}).strict(),
    reply: '[BindingView]',
  }),
  pending: action<{ items: BindingView[]; nextCursor: string | null }>()({
    summary: '当前小区待审核的绑定申请，最早的在前（党支部、物业、社区）',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [BindingView], nextCursor }',
  }),
  approve: action<BindingView>()({
    summary: '通过绑定申请（党支部、物业、社区）：申请人成为认证居民，业主另获业主角色',
    input: z.object({ bindingId: id() }).strict(),
    reply: 'BindingView (status: approved)',
  }),
  reject: action<BindingView>()({
    summary: '驳回绑定申请并写明原因（党支部、物业、社区）',
    input: z.object({ bindingId: id(), reason: line(200, 2) }).strict(),
    reply: 'BindingView (status: rejected)',
  }),
  withdraw: action<BindingView>()({
    summary: '申请人撤回自己待审核的申请',
    input: z.object({ bindingId: id() }).strict(),
    reply: 'BindingView (status: withdrawn)',
  }),
};
