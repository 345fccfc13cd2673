/**
 * Micro-wishes (微心愿): a verified resident asks for a small kindness; a volunteer or party
 * member (志愿者/党员) claims it, fulfils it, the author confirms, and the helper earns points.
 *
 * States and who moves them (WISH_TRANSITIONS, checked by `nextWishStatus`):
 *   pending   --approve--> open       staff (党支部, 社区): the content check asked for a person's look
 *   pending   --reject---> rejected   staff, with a reason
 *   pending   --cancel---> cancelled  the author
 *   open      --claim----> claimed    a volunteer who is not the author (one live claim per wish)
 *   open      --cancel---> cancelled  the author
 *   open      --expire---> expired    the timer, once the deadline has passed
 *   claimed   --release--> open       the claimer
 *   claimed   --fulfil---> fulfilled  the claimer, with a note (and photos)
 *   claimed   --cancel---> cancelled  the author
 *   fulfilled --confirm--> confirmed  the author; the claimer is credited the wish's points, once
 *   fulfilled --dispute--> claimed    the author, with a reason (back to the same claimer)
 * Every move is recorded in wishTransitions: who, in which capacity, when, from, to, why.
 *
 * Zod-free: the client imports this file for labels and the same rules.
 */

export const WISH_CATEGORIES = ['daily', 'elderly', 'children', 'environment', 'other'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];
export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  daily: '生活帮扶',
  elderly: '助老助残',
  children: '儿童关爱',
  environment: '环境美化',
  other: '其他',
};

export const WISH_STATUSES = ['pending', 'open', 'claimed', 'fulfilled', 'confirmed', 'rejected', 'cancelled', 'expired'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];
export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  pending: '待审核',
  open: '待认领',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已完成',
  rejected: '未通过',
  cancelled: '已取消',
  expired: '已过期',
};
/** The states the wish wall shows; pending and rejected wishes are only for their author and staff. */
export const WALL_STATUSES = ['open', 'claimed', 'fulfilled', 'confirmed'] as const satisfies readonly WishStatus[];

export const WISH_ACTIONS = ['approve', 'reject', 'claim', 'release', 'fulfil', 'confirm', 'dispute', 'cancel', 'expire'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

/**
 * The capacity a person acts in on one wish. One person may be several (an author who is also
 * staff), but never both author and claimer: nobody claims their own wish.
 */
export const WISH_PARTIES = ['author', 'claimer', 'volunteer', 'staff', 'resident', 'system'] as const;
export type WishParty = (typeof WISH_PARTIES)[number];

type Move = { to: WishStatus; by: readonly WishParty[] };

export const WISH_TRANSITIONS: Record<WishStatus, Partial<Record<WishAction, Move>>> = {
  pending: { approve: { to: 'open', by: ['staff'] }, reject: { to: 'rejected', by: ['staff'] }, cancel: { to: 'cancelled', by: ['author'] } },
  open: { claim: { to: 'claimed', by: ['volunteer'] }, cancel: { to: 'cancelled', by: ['author'] }, expire: { to: 'expired', by: ['system'] } },
  claimed: { release: { to: 'open', by: ['claimer'] }, fulfil: { to: 'fulfilled', by: ['claimer'] }, cancel: { to: 'cancelled', by: ['author'] } },
  fulfilled: { confirm: { to: 'confirmed', by: ['author'] }, dispute: { to: 'claimed', by: ['author'] } },
  confirmed: {},
  rejected: {},
  cancelled: {},
  expired: {},
};

/** The next state when `party` does `act` on a wish in `from`; null when the table says no. */
export function nextWishStatus(from: WishStatus, act: WishAction, party: WishParty): WishStatus | null {
  const move = WISH_TRANSITIONS[from]?.[act];
  return move && move.by.includes(party) ? move.to : null;
}

/** Who may see a wish's contact details (name, phone, room) besides staff. */
export const CONTACT_VISIBILITIES = ['claimer', 'volunteers', 'staff'] as const;
export type ContactVisibility = (typeof CONTACT_VISIBILITIES)[number];
export const CONTACT_LABELS: Record<ContactVisibility, string> = {
  claimer: '认领我心愿的志愿者可以看到',
  volunteers: '本小区志愿者都可以看到',
  staff: '只给党支部和社区看',
};

/** "No deadline", stored as a number so that expiry is one range condition. */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;
export const MAX_PHOTOS = 6;

export interface Wish {
  _id: string;
  estateId: string;
  authorId: string;
  /** The real name on the author's binding, shown masked (王*) to those with no need for it. */
  authorName: string;
  authorPhone: string;
  homeId: string;
  building: string;
  /** 3栋2单元501, shown only to those the author allowed. */
  homeLabel: string;
  title: string;
  description: string;
  category: WishCategory;
  photos: string[];
  deadline: number;
  contact: ContactVisibility;
  /** Fixed when posted, so the helper knows what the wish is worth. */
  points: number;
  status: WishStatus;
  claimerId: string | null;
  claimerName: string | null;
  fulfilNote: string | null;
  fulfilPhotos: string[];
  /** How many transitions are recorded; the next one's id is `${_id}.${seq + 1}`. */
  seq: number;
  createdAt: number;
  updatedAt: number;
}

export interface WishTransition {
  _id: string;
  wishId: string;
  estateId: string;
  from: WishStatus | null;
  to: WishStatus;
  action: WishAction | 'post';
  /** A user id, or 'system' for the timer. */
  by: string;
  party: WishParty;
  at: number;
  reason: string | null;
}

export const WISH_COLLECTIONS = { wishes: 'wishes', transitions: 'wishTransitions' } as const;

/** The page a wish opens on; notifications about it link here. */
export const wishLink = (wishId: string) => `/pages/wish-detail/index?id=${wishId}`;
