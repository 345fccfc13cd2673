/**
 * Proposal use cases: drafting (一议), the three reviews (三审), deliberation, the vote's opening
 * and closing, implementation, and the three publications (三公开). Every step is one
 * transaction that moves `status` by the state table and appends a sealed record to the chain.
 */
import { chinaDateTime } from '../shared/time';
import { findAll, ignoreConflict, insertOrUpdate } from '../shared/store-helpers';
import { outcome, type DomainEvent, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { ContentCheck, Store, TxStore, Where } from '../shared/ports';
import { buildingLabel, maskContactsInText, maskName } from '../shared/privacy';
import { can, type Actor } from '../auth/permissions';
import { authorize, currentEstate, type Session } from '../auth/session';
import { COLLECTIONS, ROLE_LABELS, type Role } from '../auth/types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import { NEVER, NOTICE_COLLECTIONS, type Notice } from '../notice/types';
import { closeBallots, openBallots, remindNonVoters, voteDone } from '../vote/usecases';
import type { CommentView, PollView, PositionView, ProposalDetail, ProposalPage, ProposalView, RecordView } from './api';
import { GENESIS, seal, verifyChain, type ProcessRecord, type RecordKind } from './record';
import { mayEverMove, mayMove, proposalMoves, proposalTarget, type Moment } from './rules';
import {
  FUNDING_LABELS,
  MATTER_LABELS,
  POSITION_LABELS,
  POSITION_ROLES,
  PROPOSAL_COLLECTIONS as C,
  PROPOSAL_STAGES,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_TRANSITIONS,
  nextProposalStatus,
  proposalLink,
  voteKindOf,
  type MatterCode,
  type PositionParty,
  type Proposal,
  type ProposalAction,
  type ProposalContent,
  type ProposalParty,
  type ProposalResult,
} from './types';

export interface ProposalDeps extends CoreDeps {
  contentCheck: ContentCheck;
}

type Signer = { userId: string; name: string };
const SYSTEM: Signer = { userId: 'system', name: '系统' };

export const proposalView = (p: Proposal, actor: Actor, m: Moment): ProposalView => ({
  id: p._id,
  title: p.title,
  background: p.background,
  plan: p.plan,
  costFen: p.costFen,
  funding: p.funding,
  matter: p.matter,
  attachments: p.attachments,
  status: p.status,
  version: p.version,
  author: { name: p.authorRole === 'owner' && p.authorId !== actor.userId ? maskName(p.authorName) : p.authorName, role: p.authorRole },
  signed: p.signed,
  decision: p.decision,
  result: p.result,
  publications: p.publications,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  moves: proposalMoves(p, actor, m),
  mine: p.authorId === actor.userId,
  editable: p.authorId === actor.userId && (p.status === 'draft' || p.status === 'returned') && can(actor, 'proposal.update', { estateId: p.estateId, ownerId: p.authorId }),
});

/** The proposal if the actor may see it: in their estate and verified; a draft only by its author. */
async function load(store: Store, actor: Actor, proposalId: string): Promise<Proposal> {
  const p = await store.get<Proposal>(C.proposals, proposalId);
  if (!p || p.estateId !== actor.estateId || !can(actor, 'proposal.get', { estateId: p.estateId }) || (p.status === 'draft' && p.authorId !== actor.userId)) {
    throw new AppError('NOT_FOUND', '没有找到这个议题');
  }
  return p;
}

interface Step {
  kind: RecordKind;
  opinion?: string | null;
  data?: Record<string, unknown> | null;
  set?: Partial<Proposal>;
}

/** Appends a sealed record to the chain inside `tx`, with the proposal's fields to change. */
async function append(tx: TxStore, p: Proposal, by: Signer, role: ProposalParty, at: number, step: Step & { from: Proposal['status'] | null; to: Proposal['status'] | null }): Promise<Proposal> {
  const record = seal({
    proposalId: p._id,
    estateId: p.estateId,
    seq: p.recordSeq + 1,
    kind: step.kind,
    actorId: by.userId,
    actorName: by.name,
    role,
    at,
    from: step.from,
    to: step.to,
    opinion: step.opinion ?? null,
    data: step.data ?? null,
    prevHash: p.lastHash,
  });
  const set: Partial<Proposal> = { ...(step.set ?? {}), recordSeq: record.seq, lastHash: record.hash, updatedAt: at };
  await tx.insert(C.records, { ...record });
  await tx.update(C.proposals, p._id, { set });
  return { ...p, ...set };
}

/**
 * One move of the state table, all or nothing: re-reads the proposal, checks the move for the
 * party on what it read (so of two racing signatures of one step, one wins), records it.
 */
async function move(
  deps: CoreDeps,
  proposalId: string,
  by: Signer,
  act: ProposalAction,
  party: ProposalParty,
  step: Omit<Step, 'kind'> & { kind?: RecordKind; check?: (p: Proposal) => void; also?: (tx: TxStore, p: Proposal) => Promise<void> },
  actor: Actor | null,
): Promise<Proposal> {
  const at = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const p = await tx.get<Proposal & { signers?: string[] }>(C.proposals, proposalId);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这个议题');
    if (actor && !mayMove(p, actor, act, party, { now: at, allVoted: true })) throw conflictFor(p, act, party, actor);
    step.check?.(p);
    const to = nextProposalStatus(p.status, act, party, p.signed);
    if (!to) throw conflictFor(p, act, party, actor);
    const joint = !!PROPOSAL_TRANSITIONS[p.status]?.[act]?.jointly;
    const stays = to === p.status;
    const signatures = joint && stays ? { signed: [...p.signed, party], signers: [...(p.signers ?? []), by.userId] } : { signed: [], signers: [] };
    const next = await append(tx, p, by, party, at, {
      kind: step.kind ?? (joint && stays ? 'sign' : (act as RecordKind)),
      from: p.status,
      to,
      opinion: step.opinion,
      data: step.data,
      set: { ...(step.set ?? {}), ...signatures, status: to } as Partial<Proposal>,
    });
    await step.also?.(tx, next);
    return next;
  });
}

function conflictFor(p: Proposal & { signers?: string[] }, act: ProposalAction, party: ProposalParty, actor: Actor | null): AppError {
  if (actor && PROPOSAL_TRANSITIONS[p.status]?.[act]?.jointly) {
    if (p.signed.includes(party)) return new AppError('CONFLICT', `${ROLE_LABELS[party as Role] ?? ''}已经签署过了`);
    if (p.signers?.includes(actor.userId)) return new AppError('CONFLICT', '同一个人不能代表两方签署');
  }
  if (act === 'openVote') return new AppError('CONFLICT', '还没到表决开始时间，或表决已经开始');
  if (act === 'closeVote') return new AppError('CONFLICT', '表决还没到截止时间，且还有人没有投票，不能提前结束');
  return new AppError('CONFLICT', `议题现在${PROPOSAL_STATUS_LABELS[p.status]}，不能这样操作`);
}

/** The party the actor acts as: the role they name, or their author's hat, or the role the step needs. */
function partyFor(p: Proposal, actor: Actor, act: ProposalAction, as?: Role): ProposalParty {
  authorize(actor, `proposal.${act}`, proposalTarget(p));
  const by = PROPOSAL_TRANSITIONS[p.status]?.[act]?.by ?? [];
  if (as) {
    if (!actor.roles.has(as)) throw new AppError('FORBIDDEN', `您不是${ROLE_LABELS[as]}，不能以这个身份签署`);
    if (!mayEverMove(p, actor, act, as)) throw new AppError('FORBIDDEN', `这一步不由${ROLE_LABELS[as]}签署`);
    return as;
  }
  const candidates: ProposalParty[] = [...(p.authorId === actor.userId ? (['author'] as ProposalParty[]) : []), ...actor.roles];
  const party = candidates.find((c) => by.includes(c)) ?? candidates.find((c) => mayEverMove(p, actor, act, c));
  if (!party) throw new AppError('FORBIDDEN', '您没有权限进行此操作');
  return party;
}

const moment = async (store: Store, p: Proposal, now: number): Promise<Moment> => ({ now, allVoted: p.status === 'voting' ? await voteDone(store, p._id) : false });

async function viewOf(deps: CoreDeps, p: Proposal, actor: Actor) {
  return proposalView(p, actor, await moment(deps.store, p, deps.clock.now()));
}

const event = (type: string, p: Proposal, at: number, extra: Record<string, unknown> = {}): DomainEvent => ({
  type,
  estateId: p.estateId,
  at,
  payload: { proposalId: p._id, title: p.title, authorId: p.authorId, status: p.status, ...extra },
});

/* ── 一议: drafting and submitting ── */

interface ContentInput extends Omit<ProposalContent, 'attachments'> {
  attachments?: string[];
}

async function checkText(deps: ProposalDeps, openid: string | undefined, ...texts: string[]) {
  const verdict = await deps.contentCheck.check(texts.join('\n'), openid ?? null);
  // Proposals are public records: what a person would have to review first is sent back instead.
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', verdict === 'reject' ? '内容未通过安全检查，请修改后再提交' : '内容可能不适合公开，请修改后再提交');
}

export async function createProposal(deps: ProposalDeps, { actor, user, openid }: Session, input: ContentInput): Promise<Outcome<ProposalView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'proposal.create', { estateId });
  const authorRole: Role = actor.roles.has('owner') ? 'owner' : 'property';
  const content = { ...input, background: maskContactsInText(input.background), plan: maskContactsInText(input.plan), attachments: input.attachments ?? [] };
  await checkText(deps, openid, content.title, content.background, content.plan);
  const now = deps.clock.now();
  const base: Proposal = {
    _id: deps.ids.newId(),
    estateId,
    authorId: actor.userId,
    authorName: user.name,
    authorRole,
    ...content,
    status: 'draft',
    version: 1,
    signed: [],
    decision: null,
    result: null,
    recordSeq: 0,
    lastHash: GENESIS,
    publications: { decision: null, outcome: null, publicity: null },
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
  };
  const p = await deps.store.transaction(async (tx) => {
    await tx.insert(C.proposals, { ...base, signers: [] });
    return append(tx, base, { userId: actor.userId, name: user.name }, 'author', now, { kind: 'create', from: null, to: 'draft' });
  });
  return outcome(await viewOf(deps, p, actor));
}

export async function updateProposal(deps: ProposalDeps, { actor, openid }: Session, input: Partial<ContentInput> & { proposalId: string }): Promise<Outcome<ProposalView>> {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.update', { estateId: p.estateId, ownerId: p.authorId });
  if (p.status !== 'draft' && p.status !== 'returned') throw new AppError('CONFLICT', '议题提交后不能修改；被退回后可以修改再提交');
  const { proposalId, ...fields } = input;
  const change: Partial<Proposal> = { ...fields };
  if (fields.background) change.background = maskContactsInText(fields.background);
  if (fields.plan) change.plan = maskContactsInText(fields.plan);
  const merged = { ...p, ...change };
  await checkText(deps, openid, merged.title, merged.background, merged.plan);
  const now = deps.clock.now();
  const saved = await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Proposal>(C.proposals, proposalId);
    if (!cur || (cur.status !== 'draft' && cur.status !== 'returned')) throw new AppError('CONFLICT', '议题刚刚被提交或撤回了');
    await tx.update(C.proposals, proposalId, { set: { ...change, updatedAt: now } });
    return { ...cur, ...change, updatedAt: now };
  });
  return outcome(await viewOf(deps, saved, actor));
}

const contentOf = (p: Proposal): Record<string, unknown> => ({
  title: p.title,
  background: p.background,
  plan: p.plan,
  costFen: p.costFen,
  funding: p.funding,
  matter: p.matter,
  attachments: p.attachments,
});

export async function submitProposal(deps: CoreDeps, { actor, user }: Session, input: { proposalId: string }): Promise<Outcome<ProposalView>> {
  const p = await load(deps.store, actor, input.proposalId);
  const party = partyFor(p, actor, 'submit');
  const now = deps.clock.now();
  // Each submitted text is a version, kept whole in the record: a revision never overwrites history.
  const version = p.status === 'returned' ? p.version + 1 : p.version;
  const next = await move(deps, p._id, { userId: actor.userId, name: user.name }, 'submit', party, { data: { version, ...contentOf(p) }, set: { submittedAt: now, version } }, actor);
  return outcome(await viewOf(deps, next, actor), [event('proposal.submitted', next, now)]);
}

export async function withdrawProposal(deps: CoreDeps, { actor, user }: Session, input: { proposalId: string; reason: string }): Promise<Outcome<ProposalView>> {
  const p = await load(deps.store, actor, input.proposalId);
  const party = partyFor(p, actor, 'withdraw');
  const next = await move(deps, p._id, { userId: actor.userId, name: user.name }, 'withdraw', party, { opinion: input.reason }, actor);
  return outcome(await viewOf(deps, next, actor));
}

/* ── 三审: the reviews ── */

type ReviewInput = { proposalId: string; as: Role; opinion?: string; decision?: { matter: MatterCode; startsAt: number; endsAt: number } };

async function review(deps: ProposalDeps, session: Session, input: ReviewInput, act: 'accept' | 'approve' | 'reject' | 'returnForRevision'): Promise<Outcome<ProposalView>> {
  const { actor, user } = session;
  const p = await load(deps.store, actor, input.proposalId);
  const party = partyFor(p, actor, act, input.as);
  const now = deps.clock.now();
  const meeting = act === 'approve' && p.status === 'meetingReview';
  if (meeting && !input.decision) throw new AppError('INVALID_INPUT', '联席会议审定时请定下表决方式和表决时间');
  if (!meeting && input.decision) throw new AppError('INVALID_INPUT', '只有联席会议审定时才定表决方式和时间');
  if (input.decision && input.decision.endsAt <= now) throw new AppError('INVALID_INPUT', '表决结束时间应晚于现在');
  let publicity: Notice | null = null;
  const next = await move(deps, p._id, { userId: actor.userId, name: user.name }, act, party, {
    opinion: input.opinion ?? null,
    data: input.decision ? { decision: input.decision, mode: voteKindOf(input.decision.matter) } : null,
    set: input.decision ? { decision: { ...input.decision, startsAt: Math.max(input.decision.startsAt, now) } } : {},
    // 公示: the approved proposal is published before any vote, in the same transaction.
    also: meeting
      ? async (tx, moved) => {
          publicity = publicityNotice(moved, now);
          await tx.insert(NOTICE_COLLECTIONS.notices, { ...publicity });
          Object.assign(moved, await append(tx, moved, { userId: actor.userId, name: user.name }, party, now, { kind: 'publish', from: null, to: null, data: { notice: publicity._id, what: 'publicity' }, set: { publications: { ...moved.publications, publicity: publicity._id } } }));
        }
      : undefined,
  }, actor);
  const events: DomainEvent[] = [event(`proposal.${act}`, next, now, { party, opinion: input.opinion ?? null })];
  if (publicity) events.push(noticeEvent(publicity));
  return outcome(await viewOf(deps, next, actor), events);
}

export const acceptProposal = (deps: ProposalDeps, s: Session, i: ReviewInput) => review(deps, s, i, 'accept');
export const approveProposal = (deps: ProposalDeps, s: Session, i: ReviewInput) => review(deps, s, i, 'approve');
export const rejectProposal = (deps: ProposalDeps, s: Session, i: ReviewInput) => review(deps, s, i, 'reject');
export const returnProposal = (deps: ProposalDeps, s: Session, i: ReviewInput) => review(deps, s, i, 'returnForRevision');

/* ── 三公开: publications are notices, published by the joint meeting in the estate's name ── */

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
const area = (dm2: number) => `${(dm2 / 100).toFixed(2)} 平方米`;
const day = chinaDateTime;

function notice(p: Proposal, kind: 'publicity' | 'decision' | 'outcome', title: string, paragraphs: string[], now: number): Notice {
  return {
    _id: `proposal-${kind}-${p._id}`,
    estateId: p.estateId,
    authorId: 'system',
    authorName: '四方联席会议',
    authorRole: 'community',
    title: title.slice(0, 60),
    body: paragraphs.filter(Boolean).map((text) => ({ type: 'paragraph' as const, text: text.slice(0, 2000) })),
    category: 'publicity',
    audience: ['*'],
    pinned: false,
    expiresAt: NEVER,
    status: 'published',
    version: 1,
    readCount: 0,
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    withdrawnAt: null,
    withdrawReason: null,
  };
}

function publicityNotice(p: Proposal, now: number): Notice {
  const d = p.decision!;
  const how = voteKindOf(d.matter) === 'owners' ? `由业主共同决定（民法典第二百七十八条第${d.matter.slice(1)}项：${MATTER_LABELS[d.matter]}）` : MATTER_LABELS[d.matter];
  return notice(p, 'publicity', `议题公示：${p.title}`, [
    `议题“${p.title}”已经党支部初审、业委会和物业联审、联席会议审定备案，现予公示。`,
    `背景：${p.background}`,
    `方案：${p.plan}`,
    `预计费用：${yuan(p.costFen)}，出资方式：${FUNDING_LABELS[p.funding]}。`,
    `表决方式：${how}。表决时间：${day(d.startsAt)} 至 ${day(d.endsAt)}。`,
    '审核过程的每一步都可在议题详情中查看和核验。',
  ], now);
}

function decisionNotice(p: Proposal, r: ProposalResult, now: number): Notice {
  const verdict = r.passed === null ? '征求意见结果（仅供参考）' : r.passed ? '表决通过' : '表决未通过';
  const lines: string[] = [`议题“${p.title}”表决已于 ${day(r.closedAt)} 结束，${verdict}。`];
  if (r.owners) {
    const o = r.owners;
    const superMajority = [6, 7, 8].includes(o.matter);
    lines.push(
      `本小区登记业主 ${o.totals.owners} 人，专有部分面积合计 ${area(o.totals.areaDm2)}。`,
      `参与表决 ${o.participation.owners} 人、面积 ${area(o.participation.areaDm2)}，${o.participation.met ? '达到' : '未达到'}人数和面积均三分之二以上的要求。`,
      `赞成 ${o.approval.owners} 人、面积 ${area(o.approval.areaDm2)}；反对 ${o.against.owners} 人、面积 ${area(o.against.areaDm2)}；弃权 ${o.abstain.owners} 人、面积 ${area(o.abstain.areaDm2)}。`,
      `本事项为第${o.matter}项，需经参与表决${superMajority ? '专有部分面积四分之三以上且人数四分之三以上' : '专有部分面积过半数且人数过半数'}同意，${o.approval.met ? '已达到' : '未达到'}。`,
    );
  }
  if (r.committee) {
    const c = r.committee;
    lines.push(`业委会委员 ${c.members} 人，投票 ${c.voted} 人：赞成 ${c.yes}，反对 ${c.no}，弃权 ${c.abstain}。需全体委员过半数同意，${r.passed ? '已达到' : '未达到'}。`);
  }
  if (r.advisory) lines.push(`共 ${r.advisory.homes} 户表达意见：${Object.entries(r.advisory.counts).map(([k, n]) => `${k} ${n} 户`).join('，')}。`);
  // The chain's head at the close, published outside the record: a record rewritten afterwards,
  // however consistently, no longer ends in the hash that every resident was shown.
  lines.push(`表决过程的每一步都可在议题详情中查看和核验。截至表决结束，过程记录共 ${p.recordSeq} 条，校验码 ${p.lastHash}。`);
  return notice(p, 'decision', `决议公告：${p.title}`, lines, now);
}

const noticeEvent = (n: Notice): DomainEvent => ({ type: 'notice.published', estateId: n.estateId, at: n.publishedAt!, payload: { noticeId: n._id, authorId: n.authorId, audience: n.audience, category: n.category, title: n.title } });

/* ── votes: opening and closing, by the community or the timer ── */

export async function openVote(deps: CoreDeps, session: Session | null, input: { proposalId: string }): Promise<Outcome<ProposalView | null>> {
  const actor = session?.actor ?? null;
  const p = actor ? await load(deps.store, actor, input.proposalId) : await deps.store.get<Proposal>(C.proposals, input.proposalId);
  if (!p) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const party = actor ? partyFor(p, actor, 'openVote') : 'system';
  const now = deps.clock.now();
  if (p.status !== 'publicized' || !p.decision || now < p.decision.startsAt) throw conflictFor(p, 'openVote', party, actor);
  const roll = await openBallots(deps, p); // the roll first (idempotent), then the move that opens it
  const by = session ? { userId: session.actor.userId, name: session.user.name } : SYSTEM;
  const next = await move(deps, p._id, by, 'openVote', party, { data: { electorate: roll.electorate, kind: roll.kind }, also: (tx) => roll.open(tx) }, actor);
  const view = actor ? await viewOf(deps, next, actor) : null;
  return outcome(view, [event('vote.opened', next, now, { kind: roll.kind, endsAt: p.decision.endsAt })]);
}

export async function closeVote(deps: CoreDeps, session: Session | null, input: { proposalId: string }): Promise<Outcome<ProposalView | null>> {
  const actor = session?.actor ?? null;
  const p = actor ? await load(deps.store, actor, input.proposalId) : await deps.store.get<Proposal>(C.proposals, input.proposalId);
  if (!p) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const party = actor ? partyFor(p, actor, 'closeVote') : 'system';
  const now = deps.clock.now();
  if (p.status !== 'voting' || !p.decision) throw conflictFor(p, 'closeVote', party, actor);
  // Early only when everyone has voted; otherwise at the end of the window.
  if (now < p.decision.endsAt && !(await voteDone(deps.store, p._id))) throw conflictFor(p, 'closeVote', party, actor);
  const counted = await closeBallots(deps, p, now);
  const by = session ? { userId: session.actor.userId, name: session.user.name } : SYSTEM;
  let decision: Notice | null = null;
  const next = await move(deps, p._id, by, 'closeVote', party, {
    data: { result: counted.result },
    set: { result: counted.result },
    also: async (tx, moved) => {
      await counted.close(tx);
      decision = decisionNotice(moved, counted.result, now);
      await tx.insert(NOTICE_COLLECTIONS.notices, { ...decision });
      Object.assign(moved, await append(tx, moved, by, party, now, { kind: 'publish', from: null, to: null, data: { notice: decision._id, what: 'decision' }, set: { publications: { ...moved.publications, decision: decision._id } } }));
    },
  }, actor);
  const view = actor ? await viewOf(deps, next, actor) : null;
  return outcome(view, [event('vote.closed', next, now, { passed: counted.result.passed }), ...(decision ? [noticeEvent(decision)] : [])]);
}

/* ── implementation and the outcome ── */

export async function implementProposal(deps: CoreDeps, { actor, user }: Session, input: { proposalId: string; note?: string }) {
  const p = await load(deps.store, actor, input.proposalId);
  const party = partyFor(p, actor, 'implement');
  const next = await move(deps, p._id, { userId: actor.userId, name: user.name }, 'implement', party, {
    opinion: input.note ?? null,
    check: (cur) => {
      if (cur.result?.passed === false) throw new AppError('CONFLICT', '议题未获通过，不能实施');
    },
  }, actor);
  return outcome(await viewOf(deps, next, actor));
}

export async function recordProgress(deps: CoreDeps, { actor, user }: Session, input: { proposalId: string; note: string; photos?: string[] }) {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.progress', { estateId: p.estateId, ownerId: p.authorId });
  const now = deps.clock.now();
  const next = await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Proposal>(C.proposals, p._id);
    if (!cur || cur.status !== 'implementing') throw new AppError('CONFLICT', '议题不在实施中');
    const role: ProposalParty = cur.authorId === actor.userId ? 'author' : actor.roles.has('property') ? 'property' : 'committee';
    return append(tx, cur, { userId: actor.userId, name: user.name }, role, now, { kind: 'progress', from: null, to: null, opinion: maskContactsInText(input.note), data: { photos: input.photos ?? [] } });
  });
  return outcome(await viewOf(deps, next, actor));
}

export async function completeProposal(deps: CoreDeps, { actor, user }: Session, input: { proposalId: string; outcome: string; photos?: string[] }) {
  const p = await load(deps.store, actor, input.proposalId);
  const party = partyFor(p, actor, 'complete');
  const now = deps.clock.now();
  const by = { userId: actor.userId, name: user.name };
  let result: Notice | null = null;
  const text = maskContactsInText(input.outcome);
  const next = await move(deps, p._id, by, 'complete', party, {
    opinion: text,
    data: { photos: input.photos ?? [] },
    also: async (tx, moved) => {
      const n = notice(moved, 'outcome', `结果公告：${moved.title}`, [`议题“${moved.title}”已实施完成。`, `实施结果：${text}`, '实施过程的每一步都可在议题详情中查看和核验。'], now);
      if (input.photos?.length) n.body.push(...input.photos.map((fileId) => ({ type: 'image' as const, fileId })));
      result = n;
      await tx.insert(NOTICE_COLLECTIONS.notices, { ...n });
      Object.assign(moved, await append(tx, moved, by, party, now, { kind: 'publish', from: null, to: null, data: { notice: n._id, what: 'outcome' }, set: { publications: { ...moved.publications, outcome: n._id } } }));
    },
  }, actor);
  return outcome(await viewOf(deps, next, actor), result ? [noticeEvent(result)] : []);
}

/* ── reading ── */

export async function listProposals(deps: CoreDeps, { actor }: Session, input: { stage?: keyof typeof PROPOSAL_STAGES | 'mine'; cursor?: string | null }): Promise<Outcome<ProposalPage>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'proposal.list', { estateId });
  const stage = input.stage ?? 'public';
  const where: Where = stage === 'mine' ? { estateId, authorId: actor.userId } : { estateId, status: { $in: [...PROPOSAL_STAGES[stage]] } };
  const page = await deps.store.find<Proposal>(C.proposals, { where, orderBy: [['updatedAt', 'desc']], limit: 20, cursor: input.cursor ?? null });
  const now = deps.clock.now();
  return outcome({ items: page.items.map((p) => proposalView(p, actor, { now })), nextCursor: page.nextCursor });
}

const allRecords = (store: Store, proposalId: string) => findAll<ProcessRecord>(store, C.records, { proposalId }, { orderBy: [['seq', 'asc']] });

const recordView = (r: ProcessRecord): RecordView => ({ seq: r.seq, kind: r.kind, actorName: r.actorName, role: r.role, at: r.at, from: r.from, to: r.to, opinion: r.opinion, data: r.data, hash: r.hash });

interface CommentDoc {
  _id: string;
  proposalId: string;
  estateId: string;
  text: string;
  byId: string;
  byName: string;
  byLabel: string;
  at: number;
}
const commentView = (c: CommentDoc): CommentView => ({ id: c._id, text: c.text, byName: c.byName, byLabel: c.byLabel, at: c.at });

export async function getProposal(deps: CoreDeps, { actor }: Session, input: { proposalId: string }): Promise<Outcome<ProposalDetail>> {
  currentEstate(actor);
  const p = await load(deps.store, actor, input.proposalId);
  const records = await allRecords(deps.store, p._id);
  const positions = new Map<PositionParty, PositionView>();
  for (const r of records) if (r.kind === 'position' && r.data) positions.set(r.data.party as PositionParty, { party: r.data.party as PositionParty, text: String(r.data.text), byName: r.actorName, at: r.at });
  const comments = (await deps.store.find<CommentDoc>(C.comments, { where: { proposalId: p._id }, orderBy: [['at', 'desc']], limit: 20 })).items.map(commentView);
  return outcome({ proposal: await viewOf(deps, p, actor), records: records.map(recordView), positions: [...positions.values()], comments, poll: await pollView(deps.store, p, actor) });
}

export async function verifyProposal(deps: CoreDeps, { actor }: Session, input: { proposalId: string }) {
  currentEstate(actor);
  const p = await load(deps.store, actor, input.proposalId);
  return outcome({ ...verifyChain(await allRecords(deps.store, p._id), p.lastHash), head: p.lastHash });
}

/* ── 四方议事: comments, official positions, the advisory poll ── */

const DELIBERATING = new Set<Proposal['status']>(['submitted', 'branchReview', 'jointReview', 'meetingReview', 'publicized', 'voting']);

async function speakerLabel(store: Store, actor: Actor): Promise<string> {
  const staff = (['branch', 'committee', 'property', 'community'] as Role[]).find((r) => actor.roles.has(r));
  if (staff) return ROLE_LABELS[staff];
  const binding = (await store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId, estateId: actor.estateId!, status: 'approved' }, limit: 1 })).items[0];
  const home = binding ? await store.get<Home>(COLLECTIONS.homes, binding.homeId) : null;
  return home ? `${buildingLabel(home)}居民` : '居民';
}

export async function commentOnProposal(deps: ProposalDeps, { actor, user, openid }: Session, input: { proposalId: string; text: string }): Promise<Outcome<CommentView>> {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.comment', { estateId: p.estateId });
  if (!DELIBERATING.has(p.status)) throw new AppError('CONFLICT', '议题已不在讨论阶段');
  const text = maskContactsInText(input.text);
  await checkText(deps, openid, text);
  const staff = ['branch', 'committee', 'property', 'community'].some((r) => actor.roles.has(r as Role));
  const c: CommentDoc = { _id: deps.ids.newId(), proposalId: p._id, estateId: p.estateId, text, byId: actor.userId, byName: staff ? user.name : maskName(user.name), byLabel: await speakerLabel(deps.store, actor), at: deps.clock.now() };
  await deps.store.insert(C.comments, { ...c });
  return outcome(commentView(c));
}

export async function listComments(deps: CoreDeps, { actor }: Session, input: { proposalId: string; cursor?: string | null }) {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.comments', { estateId: p.estateId });
  const page = await deps.store.find<CommentDoc>(C.comments, { where: { proposalId: p._id }, orderBy: [['at', 'desc']], limit: 20, cursor: input.cursor ?? null });
  return outcome({ items: page.items.map(commentView), nextCursor: page.nextCursor });
}

export async function statePosition(deps: ProposalDeps, { actor, user, openid }: Session, input: { proposalId: string; party: PositionParty; text: string }): Promise<Outcome<PositionView>> {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.position', { estateId: p.estateId });
  if (!actor.roles.has(POSITION_ROLES[input.party])) throw new AppError('FORBIDDEN', `您不能代表${POSITION_LABELS[input.party]}发表立场`);
  if (!DELIBERATING.has(p.status)) throw new AppError('CONFLICT', '议题已不在讨论阶段');
  const text = maskContactsInText(input.text);
  await checkText(deps, openid, text);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Proposal>(C.proposals, p._id);
    if (!cur || !DELIBERATING.has(cur.status)) throw new AppError('CONFLICT', '议题已不在讨论阶段');
    return append(tx, cur, { userId: actor.userId, name: user.name }, POSITION_ROLES[input.party], now, { kind: 'position', from: null, to: null, data: { party: input.party, text } });
  });
  return outcome({ party: input.party, text, byName: user.name, at: now });
}

interface PollDoc {
  _id: string;
  estateId: string;
  question: string;
  options: string[];
  createdBy: string;
  at: number;
}

const POLL_OPEN = new Set<Proposal['status']>(['draft', 'submitted', 'branchReview', 'jointReview', 'meetingReview', 'publicized', 'voting']);

async function myHomes(store: Store, actor: Actor): Promise<string[]> {
  return (await store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId, estateId: actor.estateId!, status: 'approved' }, limit: 20 })).items.map((b) => b.homeId);
}

async function pollView(store: Store, p: Proposal, actor: Actor): Promise<PollView | null> {
  const poll = await store.get<PollDoc>(C.polls, p._id);
  if (!poll) return null;
  const counts: Record<string, number> = {};
  for (const o of poll.options) counts[o] = await store.count(C.pollAnswers, { proposalId: p._id, option: o });
  const homes = await myHomes(store, actor);
  const mine = homes.length ? (await store.find<{ _id: string; option: string }>(C.pollAnswers, { where: { proposalId: p._id, homeId: { $in: homes } }, orderBy: [['at', 'desc']], limit: 1 })).items[0]?.option ?? null : null;
  return { question: poll.question, options: poll.options, counts, total: Object.values(counts).reduce((a, b) => a + b, 0), mine, open: POLL_OPEN.has(p.status) };
}

export async function attachPoll(deps: ProposalDeps, { actor, user, openid }: Session, input: { proposalId: string; question: string; options: string[] }): Promise<Outcome<PollView>> {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.attachPoll', { estateId: p.estateId, ownerId: p.authorId });
  if (!POLL_OPEN.has(p.status) || p.status === 'voting') throw new AppError('CONFLICT', '表决开始后不能再发起征求意见');
  const options = [...new Set(input.options)];
  if (options.length < 2) throw new AppError('INVALID_INPUT', '至少要有两个不同的选项');
  await checkText(deps, openid, input.question, ...options);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Proposal>(C.proposals, p._id);
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这个议题');
    if (await tx.get(C.polls, p._id)) throw new AppError('CONFLICT', '这个议题已经有征求意见了');
    await tx.insert(C.polls, { _id: p._id, estateId: p.estateId, question: input.question, options, createdBy: actor.userId, at: now });
    const role: ProposalParty = cur.authorId === actor.userId ? 'author' : ((['branch', 'committee', 'property', 'community'] as Role[]).find((r) => actor.roles.has(r)) ?? 'resident');
    return append(tx, cur, { userId: actor.userId, name: user.name }, role, now, { kind: 'poll', from: null, to: null, data: { question: input.question, options } });
  });
  return outcome((await pollView(deps.store, p, actor))!);
}

export async function answerPoll(deps: CoreDeps, { actor }: Session, input: { proposalId: string; option: string; homeId?: string }): Promise<Outcome<PollView>> {
  const p = await load(deps.store, actor, input.proposalId);
  authorize(actor, 'proposal.answerPoll', { estateId: p.estateId });
  const poll = await deps.store.get<PollDoc>(C.polls, p._id);
  if (!poll) throw new AppError('NOT_FOUND', '这个议题没有征求意见');
  if (!POLL_OPEN.has(p.status)) throw new AppError('CONFLICT', '征求意见已经结束');
  if (!poll.options.includes(input.option)) throw new AppError('INVALID_INPUT', '没有这个选项');
  const homes = await myHomes(deps.store, actor);
  const homeId = input.homeId ?? homes[0];
  if (!homeId || !homes.includes(homeId)) throw new AppError('FORBIDDEN', '只有认证房屋的居民可以回答，每户一票');
  // One answer per home, whoever in the home answers; the latest counts.
  const id = `${p._id}.${homeId}`;
  const doc = { proposalId: p._id, estateId: p.estateId, homeId, option: input.option, by: actor.userId, at: deps.clock.now() };
  await insertOrUpdate(deps.store, C.pollAnswers, id, doc);
  return outcome((await pollView(deps.store, p, actor))!);
}

/* ── the timer ── */

/** Opens votes whose window has started and closes those whose window has ended. Idempotent. */
export async function runVoteClock(deps: CoreDeps): Promise<{ count: number; events: DomainEvent[] }> {
  const now = deps.clock.now();
  const events: DomainEvent[] = [];
  const due = async (status: Proposal['status'], field: string) =>
    (await deps.store.find<Proposal>(C.proposals, { where: { status, [field]: { $lte: now } }, orderBy: [[field, 'asc']], limit: 50 })).items;
  for (const p of await due('publicized', 'decision.startsAt')) {
    try {
      events.push(...(await openVote(deps, null, { proposalId: p._id })).events);
    } catch (e) {
      ignoreConflict(e);
    }
  }
  for (const p of await due('voting', 'decision.endsAt')) {
    try {
      events.push(...(await closeVote(deps, null, { proposalId: p._id })).events);
    } catch (e) {
      ignoreConflict(e);
    }
  }
  for (const r of await remindNonVoters(deps, now)) {
    const p = await deps.store.get<Proposal>(C.proposals, r.voteId);
    if (p) events.push(event('vote.closingSoon', p, now, { userIds: r.userIds, endsAt: r.endsAt }));
  }
  return { count: events.filter((e) => e.type.startsWith('vote.')).length, events };
}

export { proposalLink };
