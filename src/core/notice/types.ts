/**
 * Notices (公告) that the party branch, owners' committee, property company and community
 * publish under their own name to the whole estate or to chosen buildings.
 *
 * States and who moves them (NOTICE_TRANSITIONS):
 *   draft     --publish--> published   the author
 *   published --withdraw-> withdrawn   the author (it stays, saying it was withdrawn)
 * Editing keeps the state; editing a published notice records the earlier text as a revision.
 * A published notice past its expiry is no longer listed (expiry is read from `expiresAt`).
 */
import type { Role } from '../auth/types';

export const NOTICE_CATEGORIES = ['party', 'property', 'committee', 'community', 'publicity'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<NoticeCategory, string> = { party: '党建', property: '物业', committee: '业委会', community: '社区', publicity: '公示' };

/** Who may publish in each category: each body under its own name; 公示 by those who review proposals. */
export const CATEGORY_ROLES: Record<NoticeCategory, Role[]> = {
  party: ['branch'],
  property: ['property'],
  committee: ['committee'],
  community: ['community'],
  publicity: ['branch', 'committee', 'community'],
};

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export type NoticeAction = 'publish' | 'withdraw' | 'edit';

export const NOTICE_TRANSITIONS: Record<NoticeStatus, Partial<Record<NoticeAction, NoticeStatus>>> = {
  draft: { publish: 'published', edit: 'draft' },
  published: { withdraw: 'withdrawn', edit: 'published' },
  withdrawn: {},
};

export const nextNoticeStatus = (from: NoticeStatus, act: NoticeAction): NoticeStatus | null => NOTICE_TRANSITIONS[from][act] ?? null;

export type NoticeBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'image'; fileId: string; caption?: string }
  | { type: 'attachment'; fileId: string; name: string };

/** The audience as stored: building names, or ALL_BUILDINGS for the whole estate. */
export const ALL_BUILDINGS = '*';
/** "Never expires", stored as a number so that expiry is one range condition. */
export const NEVER = Number.MAX_SAFE_INTEGER;

export interface Notice {
  _id: string;
  estateId: string;
  authorId: string;
  authorName: string;
  /** The body the author publishes for: shown as 小区党支部 · 赵书记. */
  authorRole: Role;
  title: string;
  body: NoticeBlock[];
  category: NoticeCategory;
  audience: string[];
  pinned: boolean;
  expiresAt: number;
  status: NoticeStatus;
  version: number;
  readCount: number;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  withdrawnAt: number | null;
  withdrawReason: string | null;
}

export interface NoticeRevision {
  _id: string;
  noticeId: string;
  estateId: string;
  version: number;
  title: string;
  body: NoticeBlock[];
  editedBy: string;
  editedAt: number;
}

export const NOTICE_COLLECTIONS = { notices: 'notices', revisions: 'noticeRevisions', reads: 'noticeReads' } as const;
