/**
 * Binding (房屋认证): a user's claim to live in a home, as owner (业主), tenant (租户) or
 * family member (家属), with their real name and phone.
 *
 * States and who moves them (BINDING_TRANSITIONS):
 *   pending  --approve--> approved   branch, property or community of the home's estate
 *   pending  --reject---> rejected   the same, with a written reason
 *   pending  --withdraw-> withdrawn  the applicant
 */
export const BINDING_RELATIONS = ['owner', 'tenant', 'family'] as const;
export type BindingRelation = (typeof BINDING_RELATIONS)[number];
export const RELATION_LABELS: Record<BindingRelation, string> = { owner: '业主', tenant: '租户', family: '家属' };

export const BINDING_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];
export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = { pending: '待审核', approved: '已认证', rejected: '已驳回', withdrawn: '已撤回' };

export type BindingAction = 'approve' | 'reject' | 'withdraw';

export const BINDING_TRANSITIONS: Record<BindingStatus, Partial<Record<BindingAction, BindingStatus>>> = {
  pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  withdrawn: {},
};

/** The next state, or null when the action is not allowed from this state. */
export const nextBindingStatus = (from: BindingStatus, act: BindingAction): BindingStatus | null => BINDING_TRANSITIONS[from][act] ?? null;

export interface Binding {
  _id: string;
  estateId: string;
  homeId: string;
  userId: string;
  relation: BindingRelation;
  realName: string;
  phone: string;
  status: BindingStatus;
  reason: string | null;
  createdAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
}
