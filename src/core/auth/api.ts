import * as z from 'zod';
import { action } from '../shared/api';
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
  /** True when this call created the user. */
  isNew: boolean;
}

/** The `auth` function's actions. */
export const authApi = {
  login: action<z.ZodObject<Record<string, never>>, LoginResult>({
    summary: '登录：按调用者的 OPENID 找到或创建用户，返回用户及其各小区的角色',
    input: z.object({}).strict(),
    reply: '{ user: { id, name, currentEstateId, createdAt }, roles: [{ estateId, role, partyMember?, chair? }], isNew }',
  }),
};
