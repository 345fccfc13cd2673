import * as z from 'zod';
import { action } from '../shared/api';
import { id } from '../shared/schemas';
import type { Role } from './types';

export interface RoleView {
  estateId: string;
  role: Role;
  partyMember?: boolean;
  chair?: boolean;
}

export interface LoginResult {
  user: { id: string; name: string; currentEstateId: string | null; createdAt: number };
  roles: RoleView[];
  /** Estates the user belongs to (a role or a binding there), for switching. */
  estates: Array<{ id: string; name: string }>;
  /** True when this call created the user. */
  isNew: boolean;
}

/** The `auth` function's actions. */
export const authApi = {
  login: action<LoginResult>()({
    summary: '登录：按调用者的 OPENID 找到或创建用户，返回用户及其各小区的角色',
    input: z.object({}).strict(),
    reply: '{ user: { id, name, currentEstateId, createdAt }, roles: [{ estateId, role, partyMember?, chair? }], estates: [{ id, name }], isNew }',
  }),
  switchEstate: action<LoginResult>()({
    summary: '切换当前小区：之后的查询和操作都在该小区内进行；在没有角色的小区只是访客',
    input: z.object({ estateId: id() }).strict(),
    reply: '与 login 相同',
  }),
};
