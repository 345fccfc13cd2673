/**
 * Proposals (议题) and their path 一议三审三公开: raised by an owner or the property company,
 * reviewed three times, decided, implemented, and published at each end.
 *
 * States and who moves them (PROPOSAL_TRANSITIONS, checked by `nextProposalStatus`):
 *   draft         --submit-----------> submitted       the author (一议)
 *   returned      --submit-----------> submitted       the author, after revising
 *   submitted     --accept-----------> branchReview    the party branch takes it up (受理)
 *   branchReview  --approve----------> jointReview     the party branch signs (党支部初审)
 *   jointReview   --approve----------> meetingReview   the committee AND the property company, each
 *                                                      signing once; it moves on the second signature
 *   meetingReview --approve----------> publicized      the community role, chairing the joint meeting
 *                                                      (联席会议审定备案): sets how it is decided and when
 *   any review    --reject-----------> rejected        that step's reviewer, with a reason
 *   any review    --returnForRevision> returned        that step's reviewer, with a reason
 *   draft…meetingReview, returned --withdraw--> withdrawn   the author, before it is public
 *   publicized    --openVote---------> voting          the timer at the window's start, or the community
 *   voting        --closeVote--------> decided         the timer at the window's end, or the community
 *                                                      early once every voter has voted
 *   decided       --implement--------> implementing    the author, the committee or the property (if passed)
 *   implementing  --complete---------> completed       the same, with the outcome (结果公开)
 * Every step is written to the proposal's process record, a hash chain (record.ts).
 *
 * Zod-free: the client imports this file for labels and the same rules.
 */
import type { Role } from '../auth/types';

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'branchReview',
  'jointReview',
  'meetingReview',
  'publicized',
  'voting',
  'decided',
  'implementing',
  'completed',
  'returned',
  'rejected',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  submitted: '已提交，待党支部受理',
  branchReview: '党支部初审中',
  jointReview: '业委会、物业联审中',
  meetingReview: '联席会议审定中',
  publicized: '公示中',
  voting: '表决中',
  decided: '已表决',
  implementing: '实施中',
  completed: '已完成',
  returned: '退回修改',
  rejected: '未通过审核',
  withdrawn: '已撤回',
};

/** The stages the list groups proposals by. */
export const PROPOSAL_STAGES = {
  review: ['submitted', 'branchReview', 'jointReview', 'meetingReview'],
  public: ['publicized', 'voting'],
  decided: ['decided', 'implementing', 'completed'],
  closed: ['rejected', 'withdrawn'],
} as const satisfies Record<string, readonly ProposalStatus[]>;
export type ProposalStage = keyof typeof PROPOSAL_STAGES;
export const STAGE_LABELS: Record<ProposalStage, string> = { review: '审核中', public: '公示与表决', decided: '已决定', closed: '未通过与撤回' };

export const PROPOSAL_ACTIONS = ['submit', 'accept', 'approve', 'reject', 'returnForRevision', 'withdraw', 'openVote', 'closeVote', 'implement', 'complete'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** The capacity one acts in: a role of the estate, the proposal's author, or the timer. */
export type ProposalParty = Role | 'author' | 'system';
export const PROPOSAL_PARTIES: readonly ProposalParty[] = ['author', 'resident', 'owner', 'volunteer', 'branch', 'committee', 'property', 'community', 'system'];

interface Move {
  to: ProposalStatus;
  by: readonly ProposalParty[];
  /** Every one of `by` must sign before it moves; until then it stays where it is. */
  jointly?: boolean;
}

const REVIEW_EXITS = (by: readonly ProposalParty[]) => ({
  reject: { to: 'rejected', by },
  returnForRevision: { to: 'returned', by },
  withdraw: { to: 'withdrawn', by: ['author'] },
}) as const satisfies Partial<Record<ProposalAction, Move>>;

export const PROPOSAL_TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalAction, Move>>> = {
  draft: { submit: { to: 'submitted', by: ['author'] }, withdraw: { to: 'withdrawn', by: ['author'] } },
  returned: { submit: { to: 'submitted', by: ['author'] }, withdraw: { to: 'withdrawn', by: ['author'] } },
  submitted: { accept: { to: 'branchReview', by: ['branch'] }, ...REVIEW_EXITS(['branch']) },
  branchReview: { approve: { to: 'jointReview', by: ['branch'] }, ...REVIEW_EXITS(['branch']) },
  jointReview: { approve: { to: 'meetingReview', by: ['committee', 'property'], jointly: true }, ...REVIEW_EXITS(['committee', 'property']) },
  meetingReview: { approve: { to: 'publicized', by: ['community'] }, ...REVIEW_EXITS(['community']) },
  publicized: { openVote: { to: 'voting', by: ['community', 'system'] } },
  voting: { closeVote: { to: 'decided', by: ['community', 'system'] } },
  decided: { implement: { to: 'implementing', by: ['author', 'committee', 'property'] } },
  implementing: { complete: { to: 'completed', by: ['author', 'committee', 'property'] } },
  completed: {},
  rejected: {},
  withdrawn: {},
};

/**
 * The next state when `party` does `act` on a proposal in `from`; null when the table says no.
 * For a joint step, `signed` lists the parties that have signed already: it moves on the last.
 */
export function nextProposalStatus(from: ProposalStatus, act: ProposalAction, party: ProposalParty, signed: readonly ProposalParty[] = []): ProposalStatus | null {
  const move = PROPOSAL_TRANSITIONS[from]?.[act];
  if (!move || !move.by.includes(party)) return null;
  if (move.jointly) {
    if (signed.includes(party)) return null; // each party signs once
    return move.by.every((p) => p === party || signed.includes(p)) ? move.to : from;
  }
  return move.to;
}

/** The review steps (三审) and the role each needs. */
export const REVIEW_STEPS: Partial<Record<ProposalStatus, { label: string; roles: readonly Role[] }>> = {
  submitted: { label: '党支部受理', roles: ['branch'] },
  branchReview: { label: '党支部初审', roles: ['branch'] },
  jointReview: { label: '业委会、物业联审', roles: ['committee', 'property'] },
  meetingReview: { label: '联席会议审定备案', roles: ['community'] },
};

/** How a proposal is decided: the nine matters of art. 278, a routine matter, or an advisory question. */
export const MATTERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'routine', 'advisory'] as const;
export type MatterCode = (typeof MATTERS)[number];
export const MATTER_LABELS: Record<MatterCode, string> = {
  m1: '制定和修改业主大会议事规则',
  m2: '制定和修改管理规约',
  m3: '选举业主委员会或者更换业主委员会成员',
  m4: '选聘和解聘物业服务企业或者其他管理人',
  m5: '使用建筑物及其附属设施的维修资金',
  m6: '筹集建筑物及其附属设施的维修资金',
  m7: '改建、重建建筑物及其附属设施',
  m8: '改变共有部分的用途或者利用共有部分从事经营活动',
  m9: '有关共有和共同管理权利的其他重大事项',
  routine: '小区日常事务（业委会表决）',
  advisory: '征求意见（不作决定）',
};
export type VoteKind = 'owners' | 'committee' | 'advisory';
export const voteKindOf = (m: MatterCode): VoteKind => (m === 'routine' ? 'committee' : m === 'advisory' ? 'advisory' : 'owners');
export const matterNumber = (m: MatterCode): number | null => (m.startsWith('m') ? Number(m.slice(1)) : null);

export const FUNDING_SOURCES = ['maintenanceFund', 'publicIncome', 'propertyFee', 'ownersShare', 'none', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_LABELS: Record<FundingSource, string> = {
  maintenanceFund: '专项维修资金',
  publicIncome: '公共收益',
  propertyFee: '物业费',
  ownersShare: '业主分摊',
  none: '不需要费用',
  other: '其他',
};

/** The four parties of 四方议事, each with an official position separate from comments. */
export const POSITION_PARTIES = ['branch', 'committee', 'property', 'residents'] as const;
export type PositionParty = (typeof POSITION_PARTIES)[number];
export const POSITION_LABELS: Record<PositionParty, string> = { branch: '党支部', committee: '业委会', property: '物业', residents: '居民代表' };
/** Who speaks for each party: residents' representatives are owners. */
export const POSITION_ROLES: Record<PositionParty, Role> = { branch: 'branch', committee: 'committee', property: 'property', residents: 'owner' };

export interface ProposalContent {
  title: string;
  background: string;
  plan: string;
  /** Estimated cost in fen (分), an integer. */
  costFen: number;
  funding: FundingSource;
  matter: MatterCode;
  attachments: string[];
}

export interface Proposal extends ProposalContent {
  _id: string;
  estateId: string;
  authorId: string;
  authorName: string;
  /** The role the author raised it in (owner or property). */
  authorRole: Role;
  status: ProposalStatus;
  /** The content's version: every revision after it was first submitted is kept in the record. */
  version: number;
  /** Signatures gathered at the current joint step (reset when the step changes). */
  signed: ProposalParty[];
  /** Set by the joint meeting. */
  decision: { matter: MatterCode; startsAt: number; endsAt: number } | null;
  result: ProposalResult | null;
  /** The process record's length and its last hash: the next record chains to it. */
  recordSeq: number;
  lastHash: string;
  publications: { decision: string | null; outcome: string | null; publicity: string | null };
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
}

export interface ProposalResult {
  kind: VoteKind;
  passed: boolean | null;
  /** Owners' votes: areas in dm² (hundredths of m²). */
  owners?: {
    matter: number;
    totals: { owners: number; areaDm2: number };
    /** `met` is both lines; `headsMet` and `areaMet` each one, so a result can say which fell short. */
    participation: { owners: number; areaDm2: number; met: boolean; headsMet: boolean; areaMet: boolean };
    approval: { owners: number; areaDm2: number; met: boolean; headsMet: boolean; areaMet: boolean };
    against: { owners: number; areaDm2: number };
    abstain: { owners: number; areaDm2: number };
  };
  committee?: { members: number; voted: number; yes: number; no: number; abstain: number };
  advisory?: { homes: number; counts: Record<string, number> };
  closedAt: number;
}

export const PROPOSAL_COLLECTIONS = {
  proposals: 'proposals',
  records: 'proposalRecords',
  comments: 'proposalComments',
  positions: 'proposalPositions',
  polls: 'proposalPolls',
  pollAnswers: 'pollAnswers',
} as const;

export const proposalLink = (id: string) => `/pages/proposal-detail/index?id=${id}`;
export const voteLink = (id: string) => `/pages/proposal-vote/index?id=${id}`;
