/**
 * Requests to the property company (诉求: 报事报修, complaints, suggestions, questions), handled in
 * a closed loop on a service-level clock: 采集上报 → 指挥派遣 → 处置反馈 → 核查结案 → 总结分析.
 *
 * States and who moves them (REQUEST_TRANSITIONS, checked by `nextRequestStatus`):
 *   submitted   --accept---> accepted     property staff: a manager assigns it, or a staff member takes it
 *   reopened    --accept---> accepted     property staff, again
 *   transferred --accept---> accepted     the community role, which then handles it
 *   submitted | reopened --transfer--> transferred   property staff: outside their remit, with a reason
 *   accepted    --resolve--> resolved     the handler's side (property, or community for a transferred one), with a note
 *   resolved    --confirm--> closed       the resident who raised it, with a rating
 *   resolved    --reopen---> reopened     the resident, with a reason
 *   resolved    --autoClose> closed       the timer, once the resident has not answered for N days
 *   submitted   --withdraw-> withdrawn    the resident, before anyone has taken it
 * Staff never close a request for the resident: only the resident, or the timeout.
 * The clock runs from submission; a request past its target is flagged `overdue` by the timer
 * and escalated to the community once (街道吹哨、部门报到) — a flag, not a state, because it is still
 * waiting where it was.
 *
 * Zod-free: the client imports this file for labels and the same rules.
 */

export const REQUEST_TYPES = ['repair', 'complaint', 'suggestion', 'question'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = { repair: '报修', complaint: '投诉', suggestion: '建议', question: '咨询' };

export const REQUEST_CATEGORIES = ['utilities', 'elevator', 'access', 'greenery', 'cleaning', 'parking', 'noise', 'safety', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  utilities: '水电',
  elevator: '电梯',
  access: '门禁',
  greenery: '绿化',
  cleaning: '卫生',
  parking: '停车',
  noise: '噪音',
  safety: '安全',
  other: '其他',
};

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { urgent: '紧急', normal: '一般' };

export const REQUEST_STATUSES = ['submitted', 'accepted', 'resolved', 'closed', 'reopened', 'transferred', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待受理',
  accepted: '处理中',
  resolved: '已处理，待您确认',
  closed: '已结案',
  reopened: '重新处理',
  transferred: '已转社区',
  withdrawn: '已撤回',
};
/** Still waiting for someone: the queue and the clock care about these. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'reopened', 'transferred'] as const satisfies readonly RequestStatus[];

export const REQUEST_ACTIONS = ['accept', 'transfer', 'resolve', 'confirm', 'reopen', 'autoClose', 'withdraw'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export type RequestParty = 'author' | 'property' | 'community' | 'system';
export const REQUEST_PARTIES: readonly RequestParty[] = ['author', 'property', 'community', 'system'];

type Move = { to: RequestStatus; by: readonly RequestParty[] };

export const REQUEST_TRANSITIONS: Record<RequestStatus, Partial<Record<RequestAction, Move>>> = {
  submitted: { accept: { to: 'accepted', by: ['property'] }, transfer: { to: 'transferred', by: ['property'] }, withdraw: { to: 'withdrawn', by: ['author'] } },
  reopened: { accept: { to: 'accepted', by: ['property'] }, transfer: { to: 'transferred', by: ['property'] } },
  transferred: { accept: { to: 'accepted', by: ['community'] } },
  accepted: { resolve: { to: 'resolved', by: ['property', 'community'] } },
  resolved: { confirm: { to: 'closed', by: ['author'] }, reopen: { to: 'reopened', by: ['author'] }, autoClose: { to: 'closed', by: ['system'] } },
  closed: {},
  withdrawn: {},
};

export function nextRequestStatus(from: RequestStatus, act: RequestAction, party: RequestParty): RequestStatus | null {
  const move = REQUEST_TRANSITIONS[from]?.[act];
  return move && move.by.includes(party) ? move.to : null;
}

/** Minutes to accept and to resolve, by type and urgency. */
export type Targets = Record<RequestType, Record<Urgency, { acceptMin: number; resolveMin: number }>>;
export const DEFAULT_TARGETS: Targets = {
  repair: { urgent: { acceptMin: 120, resolveMin: 480 }, normal: { acceptMin: 1440, resolveMin: 4320 } },
  complaint: { urgent: { acceptMin: 240, resolveMin: 1440 }, normal: { acceptMin: 1440, resolveMin: 7200 } },
  suggestion: { urgent: { acceptMin: 1440, resolveMin: 10080 }, normal: { acceptMin: 4320, resolveMin: 20160 } },
  question: { urgent: { acceptMin: 240, resolveMin: 1440 }, normal: { acceptMin: 1440, resolveMin: 4320 } },
};
/** Days a resolved request waits for the resident before it closes itself. */
export const DEFAULT_AUTO_CLOSE_DAYS = 7;
/** Below this many cases a median or an average is not shown: one quick fix is not a record. */
export const MIN_SAMPLE = 5;

export type Location = { kind: 'home'; homeId: string } | { kind: 'building'; building: string } | { kind: 'common'; place: string };
/** As a resident gives it: "my home" may leave out which, meaning their first verified home. */
export type LocationInput = { kind: 'home'; homeId?: string } | Exclude<Location, { kind: 'home' }>;

export interface Rating {
  speed: number;
  result: number;
  attitude: number;
}

export interface ServiceRequest {
  _id: string;
  estateId: string;
  authorId: string;
  authorName: string;
  authorPhone: string;
  type: RequestType;
  category: RequestCategory;
  urgency: Urgency;
  description: string;
  photos: string[];
  location: Location;
  /** Where, as people say it (3栋 / 3栋1单元201 / 小区东门), and the key "same place" is matched by. */
  placeLabel: string;
  placeKey: string;
  building: string | null;
  status: RequestStatus;
  handlerId: string | null;
  handlerName: string | null;
  /** Residents who said "me too" (我也遇到了). */
  supporters: string[];
  acceptBy: number;
  resolveBy: number;
  /** The deadline that matters now (to accept, then to resolve); null once resolved or ended. The queue sorts by it. */
  dueAt: number | null;
  overdue: boolean;
  escalatedAt: number | null;
  submittedAt: number;
  acceptedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  reopenCount: number;
  resolution: { note: string; before: string[]; after: string[] } | null;
  rating: Rating | null;
  seq: number;
  updatedAt: number;
}

export interface RequestStep {
  _id: string;
  requestId: string;
  estateId: string;
  kind: RequestAction | 'submit' | 'note' | 'escalate' | 'support';
  from: RequestStatus | null;
  to: RequestStatus | null;
  by: string;
  byName: string;
  party: RequestParty | 'resident';
  at: number;
  note: string | null;
  photos: string[];
}

export interface RequestSettings {
  _id: string;
  targets: Targets;
  autoCloseDays: number;
  updatedBy: string;
  updatedAt: number;
}

export const REQUEST_COLLECTIONS = { requests: 'requests', steps: 'requestSteps', settings: 'requestSettings' } as const;
export const requestLink = (id: string) => `/pages/request-detail/index?id=${id}`;
