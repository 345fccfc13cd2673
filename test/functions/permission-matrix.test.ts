/**
 * The permission matrix, through the real handlers: every action of every function × every
 * role × (own estate, other estate, unverified visitor) → allowed or refused, generated from
 * the one table below. Each call is made by a fresh person, so no call depends on another.
 * Later features add their actions to WHO and CALLS; a new action missing here fails the test.
 */
import { API } from '../../src/core/api';
import { ROLES, type Role } from '../../src/core/auth/types';
import { homeId } from '../../src/core/estate/homes';
import { ensureAccount, postEntry } from '../../src/core/points/ledger';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, ESTATE_B, makePendingBinding, makePerson, seedOtherEstate } from '../helpers/fixtures';

type Who = 'anyone' | 'member' | Role[];
const STAFF_REVIEW: Role[] = ['branch', 'property', 'community'];
const PUBLISHERS: Role[] = ['branch', 'committee', 'property', 'community'];
/** Anyone holding a role in the estate (an unverified visitor holds none). */
const VERIFIED: Role[] = [...ROLES];
const WISH_STAFF: Role[] = ['branch', 'community'];

/** Who may do each action in their own estate; 'member' includes an unverified visitor there. */
const WHO: Record<string, Who> = {
  'auth.login': 'anyone',
  'auth.switchEstate': 'anyone',
  'estate.list': 'anyone',
  'estate.create': ['community'],
  'estate.importHomes': ['community'],
  'estate.homes': 'member',
  'binding.apply': 'member',
  'binding.mine': 'anyone',
  'binding.pending': STAFF_REVIEW,
  'binding.approve': STAFF_REVIEW,
  'binding.reject': STAFF_REVIEW,
  'binding.withdraw': 'member',
  'role.list': ['branch', 'committee', 'property', 'community'],
  'role.assign': ['community'],
  'role.revoke': ['community'],
  'role.history': ['community'],
  'role.people': ['community'],
  'notice.create': PUBLISHERS,
  'notice.update': PUBLISHERS,
  'notice.publish': PUBLISHERS,
  'notice.withdraw': PUBLISHERS,
  'notice.list': 'member',
  'notice.drafts': PUBLISHERS,
  'notice.get': 'member',
  'notice.unread': PUBLISHERS,
  'notice.history': 'member',
  'inbox.list': 'anyone',
  'inbox.unreadCount': 'anyone',
  'inbox.markRead': 'anyone',
  'inbox.markAllRead': 'anyone',
  'inbox.grant': 'anyone',
  'inbox.prefs': 'anyone',
  'inbox.setPrefs': 'anyone',
  'wish.post': ['resident'],
  'wish.list': VERIFIED,
  'wish.mine': VERIFIED,
  'wish.claims': ['volunteer'],
  'wish.get': VERIFIED,
  'wish.pending': WISH_STAFF,
  'wish.approve': WISH_STAFF,
  'wish.reject': WISH_STAFF,
  'wish.claim': ['volunteer'],
  // The claimer's and the author's own wishes (another's is refused: see wish tests).
  'wish.release': 'member',
  'wish.fulfil': 'member',
  'wish.confirm': 'member',
  'wish.dispute': 'member',
  'wish.cancel': 'member',
  'points.mine': VERIFIED,
  'points.ranking': VERIFIED,
  'points.volunteers': WISH_STAFF,
  'points.ledger': WISH_STAFF,
  'points.credit': WISH_STAFF,
  'points.reverse': WISH_STAFF,
  'points.configure': WISH_STAFF,
  'points.rewards': VERIFIED,
  'points.saveReward': WISH_STAFF,
  'points.redeem': ['volunteer'],
  'points.myRedemptions': VERIFIED,
  'points.redemptions': WISH_STAFF,
  'points.handOver': WISH_STAFF,
  'points.cancelRedemption': WISH_STAFF,
  'proposal.create': ['owner', 'property'],
  'proposal.update': ['owner', 'property'],
  'proposal.submit': ['owner', 'property'],
  'proposal.withdraw': VERIFIED,
  'proposal.list': VERIFIED,
  'proposal.get': VERIFIED,
  'proposal.verify': VERIFIED,
  'proposal.comments': VERIFIED,
  'proposal.comment': VERIFIED,
  'proposal.accept': ['branch'],
  'proposal.approve': ['branch'],
  'proposal.reject': ['branch'],
  'proposal.returnForRevision': ['branch'],
  'proposal.position': ['branch', 'committee', 'property', 'owner'],
  'proposal.attachPoll': ['branch', 'committee', 'property', 'community'],
  'proposal.answerPoll': ['resident'],
  'proposal.openVote': ['community'],
  'proposal.closeVote': ['community'],
  'proposal.implement': ['committee', 'property'],
  'proposal.progress': ['committee', 'property'],
  'proposal.complete': ['committee', 'property'],
  'vote.status': VERIFIED,
  'vote.cast': VERIFIED,
  'vote.paper': ['committee'],
  'vote.nonVoters': ['committee'],
  'request.submit': ['resident'],
  'request.similar': ['resident'],
  'request.support': ['resident'],
  // The person's own request for the resident's actions (another's is refused: see request tests).
  'request.withdraw': 'member',
  'request.mine': VERIFIED,
  'request.get': ['property', 'community'],
  'request.queue': ['property', 'community'],
  'request.staff': ['property'],
  'request.accept': ['property', 'community'],
  'request.note': ['property', 'community'],
  'request.transfer': ['property'],
  'request.resolve': ['property', 'community'],
  'request.confirm': 'member',
  'request.reopen': 'member',
  'request.dashboard': ['property', 'committee', 'community'],
  'request.export': ['property', 'committee', 'community'],
  'request.settings': ['property', 'committee', 'community'],
  'request.configure': ['community'],
};

interface Ctx {
  store: TestCloud['store'];
  userId: string;
  /** The estate whose things the payload points at. */
  target: string;
  /** The notice category the person's role publishes in (community for those who publish none). */
  category: string;
  roles: Role[];
}

const CATEGORY_OF: Partial<Record<Role, string>> = { branch: 'party', committee: 'committee', property: 'property', community: 'community' };

let unique = 0;
/** The payload for each action, pointing at things in `target`. */
const CALLS: Record<string, (c: Ctx) => Promise<Record<string, unknown>>> = {
  'auth.login': async () => ({}),
  'auth.switchEstate': async (c) => ({ estateId: c.target }),
  'estate.list': async () => ({}),
  'estate.create': async () => ({ name: `新小区${++unique}`, community: '和平街道', city: '杭州' }),
  'estate.importHomes': async () => ({ csv: `building,unit,room,area\n88,1,${100 + ++unique},80.5\n` }),
  'estate.homes': async () => ({}),
  'binding.apply': async (c) => ({ homeId: c.target === ESTATE_A ? homeId(ESTATE_A, '2', '2', '402') : homeId(ESTATE_B, '9', '1', '201'), relation: 'tenant', realName: '测试员', phone: '13600001111' }),
  'binding.mine': async () => ({}),
  'binding.pending': async () => ({}),
  'binding.approve': async (c) => ({ bindingId: await makePendingBinding(c.store, c.target) }),
  'binding.reject': async (c) => ({ bindingId: await makePendingBinding(c.store, c.target), reason: '房号与登记不符' }),
  // Withdrawing one's own application (another's is refused: see binding tests).
  'binding.withdraw': async (c) => ({ bindingId: await makePendingBinding(c.store, c.target, c.userId) }),
  'role.list': async () => ({}),
  'role.assign': async (c) => ({ userId: (await makePerson(c.store, [], c.target)).userId, role: 'volunteer', partyMember: true }),
  'role.revoke': async (c) => {
    const { userId } = await makePerson(c.store, ['property'], c.target);
    return { userId, role: 'property' };
  },
  'role.history': async () => ({}),
  'role.people': async () => ({}),
  // Notice actions on a notice: the person's own (in the category their role publishes), or,
  // for readers, an estate-wide notice published by the branch.
  'notice.create': async (c) => ({ title: '停水通知', body: [{ type: 'paragraph', text: '明天停水' }], category: c.category }),
  'notice.update': async (c) => ({ noticeId: await makeNotice(c, 'own', 'draft'), title: '改过的标题' }),
  'notice.publish': async (c) => ({ noticeId: await makeNotice(c, 'own', 'draft') }),
  'notice.withdraw': async (c) => ({ noticeId: await makeNotice(c, 'own', 'published'), reason: '发错了' }),
  'notice.list': async () => ({}),
  'notice.drafts': async () => ({}),
  'notice.get': async (c) => ({ noticeId: await makeNotice(c, 'branch', 'published') }),
  'notice.unread': async (c) => ({ noticeId: await makeNotice(c, 'own', 'published') }),
  'notice.history': async (c) => ({ noticeId: await makeNotice(c, 'branch', 'published') }),
  // Inbox actions are about one's own items and settings only (see inbox tests for others').
  'inbox.list': async () => ({}),
  'inbox.unreadCount': async () => ({}),
  'inbox.markRead': async () => ({ itemId: 'no-such-item' }),
  'inbox.markAllRead': async () => ({}),
  'inbox.grant': async () => ({ templateKeys: ['noticePublished'] }),
  'inbox.prefs': async () => ({}),
  'inbox.setPrefs': async () => ({ muted: ['notice.published'] }),
  'wish.post': async (c) => {
    await bindHome(c);
    return { title: '帮忙搬花盆', description: '花盆太重搬不动', category: 'daily' };
  },
  'wish.list': async () => ({}),
  'wish.mine': async () => ({}),
  'wish.claims': async () => ({}),
  'wish.get': async (c) => ({ wishId: await makeWish(c, 'open') }),
  'wish.pending': async () => ({}),
  'wish.approve': async (c) => ({ wishId: await makeWish(c, 'pending') }),
  'wish.reject': async (c) => ({ wishId: await makeWish(c, 'pending'), reason: '与微心愿无关' }),
  'wish.claim': async (c) => ({ wishId: await makeWish(c, 'open') }),
  'wish.release': async (c) => ({ wishId: await makeWish(c, 'claimed', { claimerId: c.userId }) }),
  'wish.fulfil': async (c) => ({ wishId: await makeWish(c, 'claimed', { claimerId: c.userId }), note: '已经帮忙搬好了' }),
  'wish.confirm': async (c) => ({ wishId: await makeWish(c, 'fulfilled', { authorId: c.userId, claimerId: 'user-volunteer' }) }),
  'wish.dispute': async (c) => ({ wishId: await makeWish(c, 'fulfilled', { authorId: c.userId, claimerId: 'user-volunteer' }), reason: '还没有搬' }),
  'wish.cancel': async (c) => ({ wishId: await makeWish(c, 'open', { authorId: c.userId }) }),
  'points.mine': async () => ({}),
  'points.ranking': async () => ({}),
  'points.volunteers': async () => ({}),
  'points.ledger': async () => ({ userId: 'user-volunteer' }),
  'points.credit': async (c) => ({ userId: (await makePerson(c.store, ['volunteer'], c.target)).userId, amount: 5, reason: '参加义务巡逻' }),
  'points.reverse': async (c) => ({ entryId: await makeCredit(c, (await makePerson(c.store, ['volunteer'], c.target)).userId, 5), reason: '记错了人' }),
  'points.configure': async () => ({ wishPoints: 10 }),
  'points.rewards': async () => ({}),
  'points.saveReward': async () => ({ name: '雨伞', price: 20, stock: 3 }),
  'points.redeem': async (c) => {
    await makeCredit(c, c.userId, 5);
    return { rewardId: await makeReward(c) };
  },
  'points.myRedemptions': async () => ({}),
  'points.redemptions': async () => ({}),
  'points.handOver': async (c) => ({ redemptionId: await makeRedemption(c) }),
  'points.cancelRedemption': async (c) => ({ redemptionId: await makeRedemption(c), reason: '礼品缺货' }),
  'proposal.create': async () => PROPOSAL_CONTENT,
  // The person's own proposal for author actions; one by the demo owner for everyone else's.
  'proposal.update': async (c) => ({ proposalId: await makeProposal(c, 'draft', c.userId), plan: '修改后的方案，写得更具体一些' }),
  'proposal.submit': async (c) => ({ proposalId: await makeProposal(c, 'draft', c.userId) }),
  'proposal.withdraw': async (c) => ({ proposalId: await makeProposal(c, 'submitted', c.userId), reason: '不需要了' }),
  'proposal.list': async () => ({}),
  'proposal.get': async (c) => ({ proposalId: await makeProposal(c, 'submitted') }),
  'proposal.verify': async (c) => ({ proposalId: await makeProposal(c, 'submitted') }),
  'proposal.comments': async (c) => ({ proposalId: await makeProposal(c, 'submitted') }),
  'proposal.comment': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), text: '支持这个议题' }),
  'proposal.accept': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), as: 'branch' }),
  'proposal.approve': async (c) => ({ proposalId: await makeProposal(c, 'branchReview'), as: 'branch', opinion: '同意' }),
  'proposal.reject': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), as: 'branch', opinion: '不同意' }),
  'proposal.returnForRevision': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), as: 'branch', opinion: '请补充报价' }),
  'proposal.position': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), party: POSITION_OF.find(([r]) => c.roles.includes(r))?.[1] ?? 'residents', text: '本方的立场' }),
  'proposal.attachPoll': async (c) => ({ proposalId: await makeProposal(c, 'submitted'), question: '您支持吗？', options: ['支持', '不支持'] }),
  'proposal.answerPoll': async (c) => {
    await bindHome(c);
    const proposalId = await makeProposal(c, 'submitted');
    await c.store.insert('proposalPolls', { _id: proposalId, estateId: c.target, question: '您支持吗？', options: ['支持', '不支持'], createdBy: 'user-owner', at: 1 });
    return { proposalId, option: '支持' };
  },
  'proposal.openVote': async (c) => ({ proposalId: await makeProposal(c, 'publicized') }),
  'proposal.closeVote': async (c) => ({ proposalId: await makeVote(c, [], true) }),
  'proposal.implement': async (c) => ({ proposalId: await makeProposal(c, 'decided') }),
  'proposal.progress': async (c) => ({ proposalId: await makeProposal(c, 'implementing'), note: '施工队已进场' }),
  'proposal.complete': async (c) => ({ proposalId: await makeProposal(c, 'implementing'), outcome: '已完工验收' }),
  'vote.status': async (c) => ({ proposalId: await makeVote(c, []) }),
  // On the roll: who may vote is the roll's business (see proposal tests for those not on it).
  'vote.cast': async (c) => ({ proposalId: await makeVote(c, [c.userId]), choice: 'yes' }),
  'vote.paper': async (c) => ({ proposalId: await makeVote(c, []), voterKey: 'owner-m', choice: 'yes' }),
  'vote.nonVoters': async (c) => ({ proposalId: await makeVote(c, []) }),
  'request.submit': async (c) => {
    await bindHome(c);
    return { type: 'repair', category: 'elevator', urgency: 'normal', description: '电梯按钮失灵', location: { kind: 'home' } };
  },
  'request.similar': async (c) => {
    await bindHome(c);
    return { category: 'elevator', location: { kind: 'home' } };
  },
  'request.support': async (c) => ({ requestId: await makeRequest(c, 'submitted') }),
  'request.withdraw': async (c) => ({ requestId: await makeRequest(c, 'submitted', c.userId) }),
  'request.mine': async () => ({}),
  'request.get': async (c) => ({ requestId: await makeRequest(c, 'submitted') }),
  'request.queue': async () => ({}),
  'request.staff': async () => ({}),
  // The community accepts what the property company transferred to it.
  'request.accept': async (c) => ({ requestId: await makeRequest(c, c.roles.includes('community') ? 'transferred' : 'submitted') }),
  'request.note': async (c) => ({ requestId: await makeRequest(c, 'accepted'), note: '已联系维修' }),
  'request.transfer': async (c) => ({ requestId: await makeRequest(c, 'submitted'), reason: '不属于物业职责' }),
  'request.resolve': async (c) => ({ requestId: await makeRequest(c, 'accepted'), note: '已修好' }),
  'request.confirm': async (c) => ({ requestId: await makeRequest(c, 'resolved', c.userId), rating: { speed: 5, result: 5, attitude: 5 } }),
  'request.reopen': async (c) => ({ requestId: await makeRequest(c, 'resolved', c.userId), reason: '还是坏的' }),
  'request.dashboard': async () => ({ from: Date.now() - 86_400_000, to: Date.now() }),
  'request.export': async () => ({ from: Date.now() - 86_400_000, to: Date.now() }),
  'request.settings': async () => ({}),
  'request.configure': async () => ({ autoCloseDays: 7 }),
};

/** A request in the target estate in `status`, raised by `authorId` (the demo resident unless said). */
async function makeRequest(c: Ctx, status: string, authorId = 'user-resident') {
  const id = `request-m-${++unique}`;
  const now = Date.now();
  await c.store.insert('requests', {
    _id: id, estateId: c.target, authorId, authorName: '王秀兰', authorPhone: '13900001111', type: 'repair', category: 'elevator', urgency: 'normal', description: '电梯按钮失灵', photos: [],
    location: { kind: 'building', building: '3' }, placeLabel: '3栋', placeKey: 'building:3', building: '3', status, handlerId: status === 'accepted' ? 'user-property' : null, handlerName: null,
    supporters: [], acceptBy: now + 86_400_000, resolveBy: now + 3 * 86_400_000, dueAt: now + 86_400_000, overdue: false, escalatedAt: null, submittedAt: now, acceptedAt: null,
    resolvedAt: status === 'resolved' ? now : null, closedAt: null, reopenCount: 0, resolution: null, rating: null, seq: 0, updatedAt: now,
  });
  return id;
}

const PROPOSAL_CONTENT = { title: '楼顶防水维修', background: '顶楼住户反映雨天漏水，需要维修', plan: '聘请施工队翻新楼顶防水层', costFen: 100000, funding: 'maintenanceFund', matter: 'm5' };
const POSITION_OF: Array<[Role, string]> = [['branch', 'branch'], ['committee', 'committee'], ['property', 'property'], ['owner', 'residents']];

/** A proposal in the target estate in `status`, by `authorId` (the demo owner unless said). */
async function makeProposal(c: Ctx, status: string, authorId = 'user-owner') {
  const id = `proposal-m-${++unique}`;
  const now = Date.now();
  await c.store.insert('proposals', {
    _id: id, estateId: c.target, authorId, authorName: '李业主', authorRole: 'owner', ...PROPOSAL_CONTENT, attachments: [], status, version: 1, signed: [], signers: [],
    decision: { matter: 'm5', startsAt: now - 1000, endsAt: now + 86_400_000 }, result: null, recordSeq: 0, lastHash: '0'.repeat(64),
    publications: { decision: null, outcome: null, publicity: null }, createdAt: now, updatedAt: now, submittedAt: now,
  });
  return id;
}

/** An open owners' vote in the target estate with one owner on the roll, castable by `userIds`. */
async function makeVote(c: Ctx, userIds: string[], ended = false) {
  const id = await makeProposal(c, 'voting');
  const now = Date.now();
  const endsAt = ended ? now - 1 : now + 86_400_000;
  if (ended) await c.store.update('proposals', id, { set: { 'decision.endsAt': endsAt } });
  await c.store.insert('votes', { _id: id, estateId: c.target, kind: 'owners', matter: 'm5', startsAt: now - 1000, endsAt, status: 'open', electorate: { voters: 1, areaDm2: 9000 }, cast: { voters: 0, areaDm2: 0 }, writes: 0, openedAt: now, closedAt: null });
  await c.store.insert('voteRolls', { _id: `${id}.owner-m`, voteId: id, estateId: c.target, voterKey: 'owner-m', areaDm2: 9000, homes: [{ id: 'h-m', areaDm2: 9000, label: '1栋1单元101' }], userIds });
  return id;
}

/** An approved binding of the acting person to a home in the target estate. */
async function bindHome(c: Ctx) {
  const home = c.target === ESTATE_A ? homeId(ESTATE_A, '1', '1', '101') : homeId(ESTATE_B, '9', '1', '101');
  await c.store.insert('bindings', { _id: `binding-m-${++unique}`, estateId: c.target, homeId: home, userId: c.userId, relation: 'tenant', realName: '测试', phone: '13700001234', status: 'approved', reason: null, createdAt: 1, reviewedAt: 1, reviewedBy: 't' });
}

/** A wish in the target estate, by the demo resident unless said otherwise. */
async function makeWish(c: Ctx, status: string, who: { authorId?: string; claimerId?: string } = {}) {
  const id = `wish-m-${++unique}`;
  await c.store.insert('wishes', {
    _id: id, estateId: c.target, authorId: who.authorId ?? 'user-resident', authorName: '王秀兰', authorPhone: '13900001111', homeId: 'h', building: '3', homeLabel: '3栋1单元201',
    title: '帮忙', description: '帮忙一下', category: 'daily', photos: [], deadline: Number.MAX_SAFE_INTEGER, contact: 'claimer', points: 10, status,
    claimerId: who.claimerId ?? null, claimerName: who.claimerId ? '志愿者' : null, fulfilNote: null, fulfilPhotos: [], seq: 1, createdAt: 1, updatedAt: 1,
  });
  return id;
}

/** Points credited through the ledger to `userId` in the target estate; answers the entry's id. */
async function makeCredit(c: Ctx, userId: string, amount: number) {
  await ensureAccount(c.store, c.target, userId, 1);
  const id = `entry-m-${++unique}`;
  await c.store.transaction((tx) => postEntry(tx, { _id: id, estateId: c.target, userId, amount, kind: 'service', ref: null, reason: '测试', by: 'test', at: 1 }));
  return id;
}

async function makeReward(c: Ctx) {
  const id = `reward-m-${++unique}`;
  await c.store.insert('rewards', { _id: id, estateId: c.target, name: '毛巾', description: '', price: 1, stock: 5, status: 'active', createdBy: 'test', createdAt: 1, updatedAt: 1 });
  return id;
}

/** A redemption waiting to be handed over, by a volunteer of the target estate. */
async function makeRedemption(c: Ctx) {
  const { userId } = await makePerson(c.store, ['volunteer'], c.target);
  await ensureAccount(c.store, c.target, userId, 1);
  const rewardId = await makeReward(c);
  const id = `redemption-m-${++unique}`;
  await c.store.insert('redemptions', { _id: id, estateId: c.target, userId, userName: '志愿者', rewardId, rewardName: '毛巾', price: 1, status: 'requested', createdAt: 1, closedAt: null, closedBy: null, cancelReason: null });
  return id;
}

/** A notice in the target estate, by the acting person ('own') or by the branch. */
async function makeNotice(c: Ctx, by: 'own' | 'branch', status: 'draft' | 'published') {
  const id = `notice-${++unique}`;
  const authorId = by === 'own' ? c.userId : 'user-branch';
  await c.store.insert('notices', {
    _id: id, estateId: c.target, authorId, authorName: '测试', authorRole: 'community', title: '通知', body: [{ type: 'paragraph', text: '内容' }],
    category: by === 'own' ? c.category : 'party', audience: ['*'], pinned: false, expiresAt: Number.MAX_SAFE_INTEGER, status, version: 1, readCount: 0,
    createdAt: 1, updatedAt: 1, publishedAt: status === 'published' ? 1 : null, withdrawnAt: null, withdrawReason: null,
  });
  return id;
}

/** Actions that name a thing by id, so "other estate" can point at the other estate's thing. */
const TARGETED = new Set([
  'binding.apply', 'binding.approve', 'binding.reject', 'binding.withdraw',
  'notice.update', 'notice.publish', 'notice.withdraw', 'notice.get', 'notice.unread', 'notice.history',
  'wish.get', 'wish.approve', 'wish.reject', 'wish.claim', 'wish.release', 'wish.fulfil', 'wish.confirm', 'wish.dispute', 'wish.cancel',
  'points.credit', 'points.reverse', 'points.redeem', 'points.handOver', 'points.cancelRedemption',
  'proposal.update', 'proposal.submit', 'proposal.withdraw', 'proposal.get', 'proposal.verify', 'proposal.comments', 'proposal.comment',
  'proposal.accept', 'proposal.approve', 'proposal.reject', 'proposal.returnForRevision', 'proposal.position', 'proposal.attachPoll',
  'proposal.answerPoll', 'proposal.openVote', 'proposal.closeVote', 'proposal.implement', 'proposal.progress', 'proposal.complete',
  'vote.status', 'vote.cast', 'vote.paper', 'vote.nonVoters',
  'request.support', 'request.withdraw', 'request.get', 'request.accept', 'request.note', 'request.transfer', 'request.resolve', 'request.confirm', 'request.reopen',
]);

const allowedFor = (who: Who, roles: Role[]) => who === 'anyone' || who === 'member' || roles.some((r) => who.includes(r));

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  await seedOtherEstate(cloud.store);
});
afterAll(() => cloud.stop());

const actions = Object.entries(API).flatMap(([fn, spec]) => Object.keys(spec).map((a) => `${fn}.${a}`));

it('has a rule and a call for every action', () => {
  expect(Object.keys(WHO).sort()).toEqual([...actions].sort());
  expect(Object.keys(CALLS).sort()).toEqual([...actions].sort());
});

const personas: Array<[string, Role[]]> = [...ROLES.map((r): [string, Role[]] => [r, [r]]), ['visitor', []]];
type Scope = 'own estate' | 'other estate';
const cases: Array<[string, string, Scope]> = actions.flatMap((a) => personas.flatMap(([p]) => (['own estate', 'other estate'] as Scope[]).map((s): [string, string, Scope] => [a, p, s])));

const refused = (reply: { ok: boolean; error?: { code: string } }) => !reply.ok && ['FORBIDDEN', 'NOT_FOUND'].includes(reply.error!.code);

it.each(cases)('%s by %s in %s', async (action, persona, scope) => {
  const roles = personas.find(([p]) => p === persona)![1];
  // Own estate: roles held where the person acts. Other estate: the same roles, but held in
  // estate B while acting in A, and targeted actions pointing at B's things.
  const person = await makePerson(cloud.store, roles, scope === 'own estate' ? ESTATE_A : ESTATE_B, ESTATE_A);
  const target = scope === 'other estate' && TARGETED.has(action) ? ESTATE_B : ESTATE_A;
  const [fn, name] = action.split('.');
  const category = roles.map((r) => CATEGORY_OF[r]).find(Boolean) ?? 'community';
  const payload = await CALLS[action]({ store: cloud.store, userId: person.userId, target, category, roles });
  const reply = await cloud.call(fn, { action: name, ...payload }, person.openid);

  const effectiveRoles = scope === 'own estate' ? roles : [];
  const expected = scope === 'other estate' && TARGETED.has(action) ? false : allowedFor(WHO[action], effectiveRoles);
  if (expected) expect(reply).toMatchObject({ ok: true });
  else expect(refused(reply)).toBe(true);
});

it('refuses every estate action to a person who has not chosen an estate', async () => {
  const person = await makePerson(cloud.store, [], ESTATE_A, null);
  for (const action of actions.filter((a) => WHO[a] !== 'anyone')) {
    const [fn, name] = action.split('.');
    const payload = await CALLS[action]({ store: cloud.store, userId: person.userId, target: ESTATE_A, category: 'community', roles: [] });
    const reply = await cloud.call(fn, { action: name, ...payload }, person.openid);
    expect([action, refused(reply)]).toEqual([action, true]);
  }
});
