/**
 * Volunteer points (志愿积分) and the rewards shop (先锋银行), per estate.
 *
 * The ledger is append-only: an entry is never edited or deleted; a correction is a new entry
 * reversing an earlier one. An account keeps the running balance, written in the same
 * transaction as each entry, so `balance` always equals the sum of the account's entries and
 * never goes below zero (a debit that would is refused).
 *
 * Redemption states and who moves them (REDEMPTION_TRANSITIONS):
 *   requested --handOver--> handedOver   staff (党支部, 社区), when the goods are given
 *   requested --cancel----> cancelled    staff: points refunded and stock restored, together
 *
 * Zod-free: the client imports this file for labels.
 */

export const ENTRY_KINDS = ['wish', 'service', 'redeem', 'refund', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  wish: '完成微心愿',
  service: '志愿服务',
  redeem: '兑换礼品',
  refund: '兑换取消退回',
  reversal: '更正',
};

export interface LedgerEntry {
  _id: string;
  estateId: string;
  userId: string;
  /** Whole points: positive credits, negative debits. */
  amount: number;
  kind: EntryKind;
  /** What it is for: a wish, a redemption, or the entry a reversal corrects. */
  ref: string | null;
  reason: string;
  /** Who caused it: the staff member, the wish's author, the redeemer, or 'system'. */
  by: string;
  at: number;
  balanceAfter: number;
}

export interface PointsAccount {
  _id: string;
  estateId: string;
  userId: string;
  balance: number;
  /** Wishes this volunteer fulfilled and their authors confirmed: the ranking counts these. */
  wishesFulfilled: number;
  /** Every entry ever written; the next entry's sequence. */
  entries: number;
  updatedAt: number;
}

export const accountId = (estateId: string, userId: string) => `${estateId}.${userId}`;
/** A wish credits its claimer once: the entry's id says which wish, so a second insert conflicts. */
export const wishEntryId = (wishId: string) => `wish.${wishId}`;

export const REWARD_STATUSES = ['active', 'retired'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

export interface Reward {
  _id: string;
  estateId: string;
  name: string;
  description: string;
  /** Points one costs. */
  price: number;
  stock: number;
  status: RewardStatus;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const REDEMPTION_STATUSES = ['requested', 'handedOver', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = { requested: '待领取', handedOver: '已领取', cancelled: '已取消' };
export type RedemptionAction = 'handOver' | 'cancel';

export const REDEMPTION_TRANSITIONS: Record<RedemptionStatus, Partial<Record<RedemptionAction, RedemptionStatus>>> = {
  requested: { handOver: 'handedOver', cancel: 'cancelled' },
  handedOver: {},
  cancelled: {},
};

export const nextRedemptionStatus = (from: RedemptionStatus, act: RedemptionAction): RedemptionStatus | null => REDEMPTION_TRANSITIONS[from]?.[act] ?? null;

export interface Redemption {
  _id: string;
  estateId: string;
  userId: string;
  userName: string;
  rewardId: string;
  rewardName: string;
  price: number;
  status: RedemptionStatus;
  createdAt: number;
  closedAt: number | null;
  closedBy: string | null;
  cancelReason: string | null;
}

/** Points a confirmed wish earns when the estate has not set its own figure. */
export const DEFAULT_WISH_POINTS = 10;

/** Per-estate settings of the points scheme. */
export interface PointsSettings {
  _id: string;
  wishPoints: number;
  updatedBy: string;
  updatedAt: number;
}

export const POINTS_COLLECTIONS = {
  ledger: 'pointsLedger',
  accounts: 'pointsAccounts',
  rewards: 'rewards',
  redemptions: 'redemptions',
  settings: 'pointsSettings',
} as const;

export const pointsLink = '/pages/points/index';
