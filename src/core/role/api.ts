import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id } from '../shared/schemas';
import type { Role } from '../auth/types';
import { ASSIGNABLE_ROLES } from './types';

export interface StaffView {
  userId: string;
  name: string;
  role: Role;
  partyMember: boolean;
  chair: boolean;
  grantedAt: number;
}

export interface RoleChangeView {
  id: string;
  at: number;
  byName: string;
  userName: string;
  role: Role;
  change: 'grant' | 'revoke';
}

export interface PersonView {
  userId: string;
  /** The real name from their binding: the community needs it to assign roles. */
  realName: string;
  /** 3栋2单元501 */
  home: string;
  roles: Role[];
}

const assignable = z.enum(ASSIGNABLE_ROLES);

/** The `role` function: staff roles per estate, every change recorded. */
export const roleApi = {
  list: action<StaffView[]>()({
    summary: '当前小区的工作人员与志愿者角色',
    input: z.object({}).strict(),
    reply: '[{ userId, name, role, partyMember, chair, grantedAt }]',
  }),
  assign: action<StaffView>()({
    summary: '在当前小区授予角色（社区角色）；不能给自己授予角色；记录谁、何时、授予什么',
    input: z.object({ userId: id(), role: assignable, partyMember: z.boolean().optional(), chair: z.boolean().optional() }).strict(),
    reply: '{ userId, name, role, partyMember, chair, grantedAt }',
  }),
  revoke: action<{ revoked: boolean }>()({
    summary: '在当前小区收回角色（社区角色）；记录谁、何时、收回什么',
    input: z.object({ userId: id(), role: assignable }).strict(),
    reply: '{ revoked }',
  }),
  people: action<{ items: PersonView[]; nextCursor: string | null }>()({
    summary: '当前小区已认证的居民（实名、房屋、现有角色），供社区授予角色时选择（社区角色）',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [{ userId, realName, home, roles }], nextCursor }',
  }),
  history: action<{ items: RoleChangeView[]; nextCursor: string | null }>()({
    summary: '当前小区角色变更记录，最新的在前（社区角色）',
    input: z.object({ cursor: cursor() }).strict(),
    reply: '{ items: [{ id, at, byName, userName, role, change }], nextCursor }',
  }),
};
