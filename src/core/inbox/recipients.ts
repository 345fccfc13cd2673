/**
 * Who is told what, for every kind of event: one rule each, in one place. An event with no
 * rule tells nobody. Later features add their rules here (wish.*, proposal.*, vote.*, request.*).
 */
import { findAll } from '../shared/store-helpers';
import type { DomainEvent } from '../shared/events';
import type { Store } from '../shared/ports';
import { COLLECTIONS, type Role, type RoleGrant } from '../auth/types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import { ALL_BUILDINGS } from '../notice/types';
import { noticeLink } from '../notice/usecases';
import type { Message } from './types';
import { wishLink } from '../wish/types';
import { pointsLink } from '../points/types';
import { proposalLink, voteLink } from '../proposal/types';
import { REQUEST_CATEGORY_LABELS, requestLink, type RequestCategory } from '../request/types';

type Rule = (store: Store, event: DomainEvent) => Promise<Message[]>;

/** Holders of any of `roles` in the estate, each once. */
async function holders(store: Store, estateId: string, roles: Role[]): Promise<string[]> {
  const grants = await findAll<RoleGrant>(store, COLLECTIONS.roles, { estateId, role: { $in: roles } });
  return [...new Set(grants.map((g) => g.userId))];
}

/** Verified residents (approved bindings) of the audience's buildings, each once. */
async function residentsOf(store: Store, estateId: string, audience: string[]): Promise<string[]> {
  const bindings = await findAll<Binding>(store, COLLECTIONS.bindings, { estateId, status: 'approved' });
  if (audience.includes(ALL_BUILDINGS)) return [...new Set(bindings.map((b) => b.userId))];
  const homes = new Map<string, string>();
  const homeIds = [...new Set(bindings.map((b) => b.homeId))];
  for (let i = 0; i < homeIds.length; i += 100)
    for (const h of (await store.find<Home>(COLLECTIONS.homes, { where: { _id: { $in: homeIds.slice(i, i + 100) } }, limit: 100 })).items) homes.set(h._id, h.building);
  return [...new Set(bindings.filter((b) => audience.includes(homes.get(b.homeId) ?? '')).map((b) => b.userId))];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const wishMessage = (to: unknown, title: string, body: string, e: DomainEvent): Message[] => [{ userId: str(to), title, body, link: wishLink(str(e.payload.wishId)) }];
const quoted = (e: DomainEvent) => `“${str(e.payload.title)}”`;

/** Micro-wishes: each step tells the other side (author ↔ claimer); new wishes tell the volunteers. */
const WISH_RULES: Record<string, Rule> = {
  'wish.posted': async (store, e) =>
    (await holders(store, e.estateId!, ['volunteer']))
      .filter((userId) => userId !== e.payload.authorId)
      .map((userId) => ({ userId, title: '有新的微心愿', body: str(e.payload.title), link: wishLink(str(e.payload.wishId)) })),
  'wish.pendingReview': async (store, e) =>
    (await holders(store, e.estateId!, ['branch', 'community'])).map((userId) => ({ userId, title: '有微心愿等待审核', body: str(e.payload.title), link: wishLink(str(e.payload.wishId)) })),
  'wish.approved': async (store, e) => [
    ...wishMessage(e.payload.authorId, '心愿已通过审核', `${quoted(e)}已上心愿墙`, e),
    ...(await WISH_RULES['wish.posted'](store, e)),
  ],
  'wish.rejected': async (_s, e) => wishMessage(e.payload.authorId, '心愿未通过审核', str(e.payload.reason), e),
  'wish.claimed': async (_s, e) => wishMessage(e.payload.authorId, '您的心愿有人认领了', `${quoted(e)}已被志愿者认领`, e),
  'wish.released': async (_s, e) => wishMessage(e.payload.authorId, '志愿者放弃了认领', `${quoted(e)}重新等待认领`, e),
  'wish.fulfilled': async (_s, e) => wishMessage(e.payload.authorId, '心愿已完成，请确认', `${quoted(e)}志愿者已标记完成`, e),
  'wish.confirmed': async (_s, e) => wishMessage(e.payload.claimerId, '居民已确认，积分已到账', `${quoted(e)}获得 ${Number(e.payload.points) || 0} 积分`, e),
  'wish.disputed': async (_s, e) => wishMessage(e.payload.claimerId, '居民认为还没有完成', str(e.payload.reason), e),
  'wish.cancelled': async (_s, e) => (e.payload.claimerId ? wishMessage(e.payload.claimerId, '心愿已被发布人取消', quoted(e), e) : []),
  'wish.expired': async (_s, e) => wishMessage(e.payload.authorId, '心愿已过截止时间', `${quoted(e)}无人认领，已过期`, e),
  'points.credited': async (_s, e) => [{ userId: str(e.payload.userId), title: `获得 ${Number(e.payload.amount) || 0} 志愿积分`, body: str(e.payload.reason), link: pointsLink }],
  'redemption.requested': async (store, e) =>
    (await holders(store, e.estateId!, ['branch', 'community'])).map((userId) => ({ userId, title: '有新的积分兑换', body: str(e.payload.rewardName), link: '/pages/points-admin/index' })),
  'redemption.handedOver': async (_s, e) => [{ userId: str(e.payload.userId), title: '礼品已领取', body: str(e.payload.rewardName), link: '/pages/rewards/index' }],
  'redemption.cancelled': async (_s, e) => [{ userId: str(e.payload.userId), title: '兑换已取消，积分已退回', body: str(e.payload.reason) || str(e.payload.rewardName), link: '/pages/rewards/index' }],
};

const proposalMessage = (userIds: string[], title: string, e: DomainEvent): Message[] =>
  userIds.map((userId) => ({ userId, title, body: str(e.payload.title), link: proposalLink(str(e.payload.proposalId)) }));

/** Proposals: each review step tells whoever signs next; the author hears of returns and refusals. */
const PROPOSAL_RULES: Record<string, Rule> = {
  'proposal.submitted': async (store, e) => proposalMessage(await holders(store, e.estateId!, ['branch']), '有新的议题待受理', e),
  'proposal.approve': async (store, e) => {
    const status = str(e.payload.status);
    if (status === 'jointReview' && e.payload.party === 'branch') return proposalMessage(await holders(store, e.estateId!, ['committee', 'property']), '有议题待联审签署', e);
    if (status === 'meetingReview') return proposalMessage(await holders(store, e.estateId!, ['community']), '有议题待联席会议审定', e);
    if (status === 'publicized') return proposalMessage([str(e.payload.authorId)], '您的议题已审定，开始公示', e);
    return [];
  },
  'proposal.returnForRevision': async (_s, e) => [{ userId: str(e.payload.authorId), title: '议题被退回修改', body: str(e.payload.opinion), link: proposalLink(str(e.payload.proposalId)) }],
  'proposal.reject': async (_s, e) => [{ userId: str(e.payload.authorId), title: '议题未通过审核', body: str(e.payload.opinion), link: proposalLink(str(e.payload.proposalId)) }],
  'vote.closingSoon': async (_s, e) =>
    (Array.isArray(e.payload.userIds) ? (e.payload.userIds as string[]) : []).map((userId) => ({ userId, title: '表决即将截止，您还没有投票', body: str(e.payload.title), link: voteLink(str(e.payload.proposalId)) })),
  'vote.opened': async (store, e) => {
    const roles: Role[] = e.payload.kind === 'committee' ? ['committee'] : e.payload.kind === 'owners' ? ['owner'] : ['resident'];
    return (await holders(store, e.estateId!, roles)).map((userId) => ({ userId, title: '表决开始了，请投票', body: str(e.payload.title), link: voteLink(str(e.payload.proposalId)) }));
  },
};

const requestMessage = (userIds: unknown[], title: string, e: DomainEvent, body?: string): Message[] =>
  userIds.map((u) => ({
    userId: str(u),
    title,
    body: body ?? `${REQUEST_CATEGORY_LABELS[str(e.payload.category) as RequestCategory] ?? ''} · ${str(e.payload.placeLabel)}`,
    link: requestLink(str(e.payload.requestId)),
  }));

/** Requests: new ones reach the property company, each step reaches the resident, lateness the community. */
const REQUEST_RULES: Record<string, Rule> = {
  'request.submitted': async (store, e) => requestMessage(await holders(store, e.estateId!, ['property']), e.payload.urgency === 'urgent' ? '紧急诉求，请尽快受理' : '有新的诉求', e),
  'request.accepted': async (_s, e) => [
    ...requestMessage([e.payload.authorId], '您的诉求已受理', e, `处理人：${str(e.payload.handlerName)}`),
    ...requestMessage([e.payload.handlerId], '有诉求派给您处理', e),
  ],
  'request.transferred': async (store, e) => [
    ...requestMessage(await holders(store, e.estateId!, ['community']), '物业转来一条诉求', e, str(e.payload.reason)),
    ...requestMessage([e.payload.authorId], '您的诉求已转给社区处理', e, str(e.payload.reason)),
  ],
  'request.resolved': async (_s, e) => requestMessage([e.payload.authorId], '您的诉求已处理，请确认并评价', e),
  'request.reopened': async (_s, e) => requestMessage([e.payload.handlerId], '居民认为没有解决', e, str(e.payload.reason)),
  'request.escalated': async (store, e) => requestMessage(await holders(store, e.estateId!, ['community']), '诉求超时未办，已上报社区', e),
};

export const RECIPIENT_RULES: Record<string, Rule> = {
  ...WISH_RULES,
  ...PROPOSAL_RULES,
  ...REQUEST_RULES,
  'binding.requested': async (store, e) =>
    (await holders(store, e.estateId!, ['branch', 'property', 'community'])).map((userId) => ({
      userId,
      title: '新的房屋认证申请',
      body: '有居民申请绑定房屋，请及时审核',
      link: '/pages/binding-review/index',
    })),
  'binding.approved': async (_store, e) => [{ userId: str(e.payload.userId), title: '房屋认证已通过', body: '您已成为认证居民，可以参与小区事务了', link: '/pages/me/index' }],
  'binding.rejected': async (_store, e) => [
    { userId: str(e.payload.userId), title: '房屋认证未通过', body: str(e.payload.reason) || '请查看原因后重新申请', link: '/pages/me/index' },
  ],
  'notice.published': async (store, e) => {
    const audience = Array.isArray(e.payload.audience) ? (e.payload.audience as string[]) : [ALL_BUILDINGS];
    const readers = await residentsOf(store, e.estateId!, audience);
    return readers
      .filter((userId) => userId !== e.payload.authorId)
      .map((userId) => ({ userId, title: str(e.payload.title), body: '小区发布了新公告，请查看', link: noticeLink(str(e.payload.noticeId)) }));
  },
};

export async function recipientsOf(store: Store, event: DomainEvent): Promise<Message[]> {
  const rule = RECIPIENT_RULES[event.type];
  if (!rule) return [];
  const messages = await rule(store, event);
  return messages.filter((m) => m.userId);
}
