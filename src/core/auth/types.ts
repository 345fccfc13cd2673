/**
 * Identity: a WeChat user (one OPENID of this mini-program) is one Linli user.
 * Roles are held per estate (小区); one person may hold several, in several estates.
 */

export const ROLES = ['resident', 'owner', 'volunteer', 'branch', 'committee', 'property', 'community'] as const;
/** resident 居民 · owner 业主 · volunteer 志愿者/党员 · branch 小区党支部 · committee 业委会 · property 物业 · community 社区/街道 */
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  owner: '业主',
  volunteer: '志愿者',
  branch: '党支部',
  committee: '业委会',
  property: '物业',
  community: '社区',
};

export interface User {
  _id: string;
  /** The name the person goes by in the app; the real name is kept with a home binding. */
  name: string;
  /** The estate the person is acting in now; null until they belong to one. */
  currentEstateId: string | null;
  createdAt: number;
  lastLoginAt: number;
}

/** Maps a caller's OPENID to their user; keyed by the OPENID so it is unique by construction. */
export interface Identity {
  _id: string;
  userId: string;
  createdAt: number;
}

export interface RoleGrant {
  _id: string;
  estateId: string;
  userId: string;
  role: Role;
  /** 党员 (party member registered under 双报到), for volunteers. */
  partyMember?: boolean;
  /** 业委会主任, for committee members. */
  chair?: boolean;
  grantedAt: number;
  grantedBy: string;
}

/** Who is calling, as the platform vouches for it (never from the payload). */
export interface Caller {
  openid: string;
}

export const COLLECTIONS = {
  users: 'users',
  identities: 'identities',
  roles: 'roles',
  estates: 'estates',
  homes: 'homes',
  bindings: 'bindings',
  bindingGuards: 'bindingGuards',
  roleChanges: 'roleChanges',
} as const;
