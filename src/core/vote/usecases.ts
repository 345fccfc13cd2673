/**
 * Ballots. When a vote opens, its electoral roll is taken from the registers and frozen: for an
 * owners' vote one entry per owner of record (a buyer's homes together, the developer's unsold
 * homes together) with their registered area; for a committee vote one per member; for an
 * advisory vote one per verified home. A ballot's weight comes from the roll, never from the
 * voter. One ballot per roll entry, whatever the channel: the last one before the close counts.
 */
import { findAll, insertOrUpdate } from '../shared/store-helpers';
import { outcome, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store, TxStore } from '../shared/ports';
import { homeLabel, maskName } from '../shared/privacy';
import type { Actor } from '../auth/permissions';
import { authorize, currentEstate, type Session } from '../auth/session';
import { COLLECTIONS, type RoleGrant, type User } from '../auth/types';
import type { Binding } from '../binding/types';
import { ownerOfRecord } from '../estate/homes';
import type { Home } from '../estate/types';
import { PROPOSAL_COLLECTIONS, matterNumber, voteKindOf, type Proposal, type ProposalResult, type VoteKind } from '../proposal/types';
import type { NonVoter, VoteSummary } from './api';
import { tallyAdvisory, tallyCommitteeVote, tallyOwnersVoteDm2, type Choice, type Matter } from './tally';

export const VOTE_COLLECTIONS = { votes: 'votes', rolls: 'voteRolls', ballots: 'ballots', log: 'ballotLog' } as const;
const C = VOTE_COLLECTIONS;

export interface Vote {
  _id: string;
  estateId: string;
  kind: VoteKind;
  matter: Proposal['matter'];
  startsAt: number;
  endsAt: number;
  status: 'open' | 'closed';
  electorate: { voters: number; areaDm2: number };
  cast: { voters: number; areaDm2: number };
  /** Ballots written, changes included: every ballot also writes the vote, so a close and a ballot never cross. */
  writes: number;
  openedAt: number;
  closedAt: number | null;
  /** Set when those who had not voted were reminded, a day before the close. */
  remindedAt?: number;
}

interface RollEntry {
  _id: string;
  voteId: string;
  estateId: string;
  voterKey: string;
  areaDm2: number;
  homes: Array<{ id: string; areaDm2: number; label: string }>;
  /** Users who may cast this entry's ballot online. */
  userIds: string[];
}

interface Ballot {
  _id: string;
  voteId: string;
  estateId: string;
  voterKey: string;
  choice: Choice;
  channel: 'online' | 'paper';
  castBy: string;
  enteredBy: string | null;
  areaDm2: number;
  castAt: number;
}

/** The roll for this proposal's vote, from the registers as they stand now. */
async function buildRoll(store: Store, p: Proposal, kind: VoteKind): Promise<RollEntry[]> {
  const entry = (voterKey: string, homes: RollEntry['homes'], userIds: string[]): RollEntry => ({
    _id: `${p._id}.${voterKey}`,
    voteId: p._id,
    estateId: p.estateId,
    voterKey,
    areaDm2: homes.reduce((s, h) => s + h.areaDm2, 0),
    homes,
    userIds,
  });
  const bindings = await findAll<Binding>(store, COLLECTIONS.bindings, { estateId: p.estateId, status: 'approved' });
  if (kind === 'committee') {
    const members = await findAll<RoleGrant>(store, COLLECTIONS.roles, { estateId: p.estateId, role: 'committee' });
    return members.map((m) => entry(m.userId, [], [m.userId]));
  }
  const homes = await findAll<Home>(store, COLLECTIONS.homes, { estateId: p.estateId });
  const byHome = new Map<string, Binding[]>();
  for (const b of bindings) byHome.set(b.homeId, [...(byHome.get(b.homeId) ?? []), b]);
  if (kind === 'advisory') {
    return homes
      .filter((h) => byHome.has(h._id))
      .map((h) => entry(h._id, [{ id: h._id, areaDm2: h.areaDm2, label: homeLabel(h) }], byHome.get(h._id)!.map((b) => b.userId)));
  }
  // Owners' vote: one entry per owner of record; those who bound a home as its owner may cast it.
  const groups = new Map<string, Home[]>();
  for (const h of homes) groups.set(ownerOfRecord(h), [...(groups.get(ownerOfRecord(h)) ?? []), h]);
  return [...groups].map(([key, hs]) =>
    entry(
      key,
      hs.map((h) => ({ id: h._id, areaDm2: h.areaDm2, label: homeLabel(h) })),
      [...new Set(hs.flatMap((h) => (byHome.get(h._id) ?? []).filter((b) => b.relation === 'owner').map((b) => b.userId)))],
    ),
  );
}

/** Writes the roll (idempotent) and answers what opening the vote writes inside the proposal's move. */
export async function openBallots(deps: CoreDeps, p: Proposal) {
  const kind = voteKindOf(p.decision!.matter);
  const roll = await buildRoll(deps.store, p, kind);
  if (roll.length === 0) throw new AppError('CONFLICT', kind === 'committee' ? '本小区还没有业委会委员，不能表决' : '本小区的房屋名册是空的，不能表决');
  // Twenty at a time: a roll of thousands is written in seconds, without a flood of requests.
  for (let i = 0; i < roll.length; i += 20) await Promise.all(roll.slice(i, i + 20).map(({ _id, ...fields }) => insertOrUpdate(deps.store, C.rolls, _id, fields)));
  const electorate = { voters: roll.length, areaDm2: kind === 'owners' ? roll.reduce((s, r) => s + r.areaDm2, 0) : 0 };
  const now = deps.clock.now();
  const vote: Vote = { _id: p._id, estateId: p.estateId, kind, matter: p.decision!.matter, startsAt: p.decision!.startsAt, endsAt: p.decision!.endsAt, status: 'open', electorate, cast: { voters: 0, areaDm2: 0 }, writes: 0, openedAt: now, closedAt: null };
  return { kind, electorate, open: async (tx: TxStore) => void (await tx.insert(C.votes, { ...vote })) };
}

/** Whether everyone on the roll has voted (then the community may close early). */
export async function voteDone(store: Store, proposalId: string): Promise<boolean> {
  const v = await store.get<Vote>(C.votes, proposalId);
  return !!v && v.status === 'open' && v.cast.voters >= v.electorate.voters;
}

/** Counts the ballots with the pure tallies; answers the result and what closing writes. */
export async function closeBallots(deps: CoreDeps, p: Proposal, now: number): Promise<{ result: ProposalResult; close: (tx: TxStore) => Promise<void> }> {
  const vote = await deps.store.get<Vote>(C.votes, p._id);
  if (!vote || vote.status !== 'open') throw new AppError('CONFLICT', '表决已经结束');
  const roll = await findAll<RollEntry>(deps.store, C.rolls, { voteId: p._id });
  const ballots = await findAll<Ballot>(deps.store, C.ballots, { voteId: p._id });
  const close = async (tx: TxStore) => {
    const cur = await tx.get<Vote>(C.votes, p._id);
    // A ballot written since the count was taken moves `writes`: count again rather than miss it.
    if (!cur || cur.status !== 'open' || cur.writes !== vote.writes) throw new AppError('CONFLICT', '计票时有新的选票，请再试一次');
    await tx.update(C.votes, p._id, { set: { status: 'closed', closedAt: now } });
  };
  if (vote.kind === 'owners') {
    const matter = matterNumber(vote.matter) as Matter;
    const t = tallyOwnersVoteDm2({ matter, homes: roll.flatMap((r) => r.homes.map((h) => ({ id: h.id, areaDm2: h.areaDm2, ownerId: r.voterKey }))), ballots: ballots.map((b) => ({ ownerId: b.voterKey, choice: b.choice })) });
    const areaOf = new Map(roll.map((r) => [r.voterKey, r.areaDm2]));
    const sum = (c: Choice) => {
      const of = ballots.filter((b) => b.choice === c && areaOf.has(b.voterKey));
      return { owners: of.length, areaDm2: of.reduce((s, b) => s + areaOf.get(b.voterKey)!, 0) };
    };
    return { close, result: { kind: 'owners', passed: t.passed, owners: { matter, totals: t.totals, participation: t.participation, approval: t.approval, against: sum('no'), abstain: sum('abstain') }, closedAt: now } };
  }
  if (vote.kind === 'committee') {
    const t = tallyCommitteeVote({ members: roll.map((r) => r.voterKey), ballots: ballots.map((b) => ({ userId: b.voterKey, choice: b.choice })) });
    return { close, result: { kind: 'committee', passed: t.passed, committee: { members: t.members, voted: t.voted, yes: t.yes, no: t.no, abstain: t.abstain }, closedAt: now } };
  }
  const labels: Record<Choice, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
  const t = tallyAdvisory(Object.values(labels), ballots.map((b) => ({ option: labels[b.choice] })));
  return { close, result: { kind: 'advisory', passed: null, advisory: { homes: t.total, counts: t.counts }, closedAt: now } };
}

/* ── the vote function's actions ── */

async function loadVote(store: Store, actor: Actor, proposalId: string): Promise<{ p: Proposal; vote: Vote }> {
  const estateId = currentEstate(actor);
  authorize(actor, 'vote.status', { estateId });
  const p = await store.get<Proposal>(PROPOSAL_COLLECTIONS.proposals, proposalId);
  if (!p || p.estateId !== estateId || p.status === 'draft') throw new AppError('NOT_FOUND', '没有找到这个议题');
  const vote = await store.get<Vote>(C.votes, proposalId);
  if (!vote) throw new AppError('NOT_FOUND', p.status === 'publicized' ? '表决还没有开始' : '这个议题没有表决');
  return { p, vote };
}

/** The roll entries the actor may vote for. */
async function entriesFor(store: Store, actor: Actor, vote: Vote): Promise<RollEntry[]> {
  return (await store.find<RollEntry>(C.rolls, { where: { voteId: vote._id, userIds: actor.userId }, limit: 20 })).items;
}

async function summary(store: Store, actor: Actor, vote: Vote): Promise<VoteSummary> {
  const mine = await entriesFor(store, actor, vote);
  const ballots = new Map(
    mine.length ? (await store.find<Ballot>(C.ballots, { where: { _id: { $in: mine.map((e) => e._id) } }, limit: 20 })).items.map((b) => [b.voterKey, b]) : [],
  );
  const label = (e: RollEntry) => (vote.kind === 'committee' ? '业委会委员（本人）' : e.homes.map((h) => h.label).join('、'));
  return {
    proposalId: vote._id,
    kind: vote.kind,
    matter: vote.matter,
    status: vote.status,
    startsAt: vote.startsAt,
    endsAt: vote.endsAt,
    electorate: vote.electorate,
    participation: vote.cast,
    // The 2/3 lines, rounded up to what meets them: ⌈2n/3⌉ voters, ⌈2a/3⌉ dm².
    lines: vote.kind === 'owners' ? { voters: Math.ceil((2 * vote.electorate.voters) / 3), areaDm2: Math.ceil((2 * vote.electorate.areaDm2) / 3) } : null,
    mine: mine.map((e) => {
      const b = ballots.get(e.voterKey);
      return { voterKey: e.voterKey, label: label(e), areaDm2: e.areaDm2, choice: b?.choice ?? null, channel: b?.channel ?? null, castAt: b?.castAt ?? null };
    }),
    closedAt: vote.closedAt,
  };
}

export async function voteStatus(deps: CoreDeps, { actor }: Session, input: { proposalId: string }): Promise<Outcome<VoteSummary>> {
  const { vote } = await loadVote(deps.store, actor, input.proposalId);
  return outcome(await summary(deps.store, actor, vote));
}

/** Writes a ballot for one roll entry: new, or replacing the earlier one (the last counts). */
async function writeBallot(deps: CoreDeps, vote: Vote, entry: RollEntry, choice: Choice, channel: Ballot['channel'], by: string) {
  const at = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const cur = await tx.get<Vote>(C.votes, vote._id);
    if (!cur || cur.status !== 'open' || at >= cur.endsAt) throw new AppError('CONFLICT', '表决已经结束，不能再投票');
    const id = `${vote._id}.${entry.voterKey}`;
    const existing = await tx.get<Ballot>(C.ballots, id);
    const ballot: Ballot = { _id: id, voteId: vote._id, estateId: vote.estateId, voterKey: entry.voterKey, choice, channel, castBy: by, enteredBy: channel === 'paper' ? by : null, areaDm2: entry.areaDm2, castAt: at };
    if (existing) await tx.update(C.ballots, id, { set: { choice, channel, castBy: by, enteredBy: ballot.enteredBy, castAt: at } });
    else await tx.insert(C.ballots, { ...ballot });
    const cast = existing ? cur.cast : { voters: cur.cast.voters + 1, areaDm2: cur.cast.areaDm2 + (cur.kind === 'owners' ? entry.areaDm2 : 0) };
    await tx.update(C.votes, vote._id, { set: { cast, writes: cur.writes + 1 } });
    // Every ballot ever written, for the audit: who, which channel, when (the choice stays secret until the close).
    await tx.insert(C.log, { _id: `${id}.${cur.writes + 1}`, voteId: vote._id, voterKey: entry.voterKey, channel, by, at, replaced: !!existing });
  });
}

export async function castBallot(deps: CoreDeps, { actor }: Session, input: { proposalId: string; choice: Choice; voterKey?: string }): Promise<Outcome<VoteSummary>> {
  const { vote } = await loadVote(deps.store, actor, input.proposalId);
  authorize(actor, 'vote.cast', { estateId: vote.estateId });
  const mine = await entriesFor(deps.store, actor, vote);
  if (mine.length === 0) {
    const who = vote.kind === 'owners' ? '登记的业主（以业主身份认证房屋）' : vote.kind === 'committee' ? '业委会委员' : '认证房屋的居民';
    throw new AppError('FORBIDDEN', `只有本小区${who}可以参加这次表决`);
  }
  const entry = input.voterKey ? mine.find((e) => e.voterKey === input.voterKey) : mine.length === 1 ? mine[0] : null;
  if (!entry) throw new AppError(input.voterKey ? 'FORBIDDEN' : 'INVALID_INPUT', input.voterKey ? '您不能代表这一户投票' : '请选择代表哪一户投票');
  if (vote.status !== 'open') throw new AppError('CONFLICT', '表决已经结束，不能再投票');
  await writeBallot(deps, vote, entry, input.choice, 'online', actor.userId);
  return outcome(await summary(deps.store, actor, (await deps.store.get<Vote>(C.votes, vote._id))!));
}

export async function enterPaperBallot(deps: CoreDeps, { actor }: Session, input: { proposalId: string; voterKey: string; choice: Choice }): Promise<Outcome<VoteSummary>> {
  const { vote } = await loadVote(deps.store, actor, input.proposalId);
  authorize(actor, 'vote.paper', { estateId: vote.estateId });
  if (vote.kind !== 'owners') throw new AppError('CONFLICT', '只有业主共同决定可以录入纸质选票');
  const entry = await deps.store.get<RollEntry>(C.rolls, `${vote._id}.${input.voterKey}`);
  if (!entry || entry.voteId !== vote._id) throw new AppError('NOT_FOUND', '表决名册上没有这位业主');
  if (vote.status !== 'open') throw new AppError('CONFLICT', '表决已经结束，不能再录入');
  await writeBallot(deps, vote, entry, input.choice, 'paper', actor.userId);
  return outcome(await summary(deps.store, actor, (await deps.store.get<Vote>(C.votes, vote._id))!));
}

export async function nonVoters(deps: CoreDeps, { actor }: Session, input: { proposalId: string; cursor?: string | null }): Promise<Outcome<{ items: NonVoter[]; nextCursor: string | null }>> {
  const { vote } = await loadVote(deps.store, actor, input.proposalId);
  authorize(actor, 'vote.nonVoters', { estateId: vote.estateId });
  // One page of the roll at a time (20 entries), keeping those without a ballot; pages where
  // everyone voted are skipped so that a reply is never empty while someone is left.
  const items: NonVoter[] = [];
  let cursor = input.cursor ?? null;
  do {
    const page = await deps.store.find<RollEntry>(C.rolls, { where: { voteId: vote._id }, orderBy: [['voterKey', 'asc']], limit: 20, cursor });
    const voted = new Set(
      page.items.length ? (await deps.store.find<Ballot>(C.ballots, { where: { _id: { $in: page.items.map((r) => r._id) } }, limit: 100 })).items.map((b) => b.voterKey) : [],
    );
    const names = new Map(
      (await deps.store.find<User>(COLLECTIONS.users, { where: { _id: { $in: [...new Set(page.items.flatMap((r) => r.userIds))].slice(0, 100) } }, limit: 100 })).items.map((u) => [u._id, u.name]),
    );
    for (const r of page.items)
      if (!voted.has(r.voterKey)) items.push({ voterKey: r.voterKey, homes: r.homes.map((h) => h.label), name: r.userIds[0] && names.get(r.userIds[0]) ? maskName(names.get(r.userIds[0])!) : null, areaDm2: r.areaDm2 });
    cursor = page.nextCursor;
  } while (cursor && items.length === 0);
  return outcome({ items, nextCursor: cursor });
}


/**
 * A day before a vote closes, those on the roll who have not voted are reminded, once: the
 * vote is marked reminded by a conditional write, so overlapping timer runs remind nobody twice.
 */
export async function remindNonVoters(deps: CoreDeps, now: number, within = 86_400_000): Promise<Array<{ voteId: string; estateId: string; userIds: string[]; endsAt: number }>> {
  const due = (await deps.store.find<Vote>(C.votes, { where: { status: 'open', endsAt: { $gt: now, $lte: now + within }, remindedAt: { $exists: false } }, limit: 50 })).items;
  const out: Array<{ voteId: string; estateId: string; userIds: string[]; endsAt: number }> = [];
  for (const v of due) {
    if (!(await deps.store.update(C.votes, v._id, { set: { remindedAt: now } }, { remindedAt: { $exists: false } }))) continue;
    const roll = await findAll<RollEntry>(deps.store, C.rolls, { voteId: v._id });
    const voted = new Set((await findAll<Ballot>(deps.store, C.ballots, { voteId: v._id })).map((b) => b.voterKey));
    const userIds = [...new Set(roll.filter((r) => !voted.has(r.voterKey)).flatMap((r) => r.userIds))];
    if (userIds.length) out.push({ voteId: v._id, estateId: v.estateId, userIds, endsAt: v.endsAt });
  }
  return out;
}
