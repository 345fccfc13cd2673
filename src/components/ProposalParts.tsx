import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS } from '../core/auth/types';
import type { ProposalView } from '../core/proposal/api';
import {
  FUNDING_LABELS,
  MATTER_LABELS,
  PROPOSAL_STATUS_LABELS,
  matterNumber,
  proposalLink,
  type MatterCode,
  type ProposalParty,
  type ProposalStatus,
} from '../core/proposal/types';
import { formatDay } from './NoticeTags';
import Tag, { type TagTone } from './Tag';
import './ProposalParts.css';

export { formatDay };

export const openProposal = (id: string) => void Taro.navigateTo({ url: proposalLink(encodeURIComponent(id)) });

/** The capacity someone acted in, in words: 党支部, 作者, 系统. */
export const partyLabel = (p: ProposalParty): string => (p === 'author' ? '作者' : p === 'system' ? '系统' : (ROLE_LABELS[p] ?? p));

/** 第6项：筹集建筑物及其附属设施的维修资金, or 小区日常事务（业委会表决）. */
export const matterText = (m: MatterCode): string => {
  const n = matterNumber(m);
  return n === null ? (MATTER_LABELS[m] ?? m) : `第${n}项：${MATTER_LABELS[m] ?? m}`;
};

/** Who raised it, as the server lets the viewer see it: 业主 李*, 物业 刘经理. */
export const proposalAuthor = (p: ProposalView): string => {
  const role = ROLE_LABELS[p.author.role] ?? '';
  return role && !p.author.name.startsWith(role) ? `${role} ${p.author.name}` : p.author.name;
};

const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An amount in fen as yuan, in words: 12,000 元, 35.50 元. */
export const yuanText = (fen: number): string => {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return `${group(yuan)}${rest ? `.${String(rest).padStart(2, '0')}` : ''} 元`;
};

/** The cost and who pays, in words. */
export const costText = (p: Pick<ProposalView, 'costFen' | 'funding'>): string =>
  p.funding === 'none' && p.costFen === 0 ? '不需要费用' : `预计费用 ${yuanText(p.costFen)}，出资方式：${FUNDING_LABELS[p.funding] ?? p.funding}`;

/** Where it stands about its vote, in words; null when there is nothing to say. */
export function voteNote(p: Pick<ProposalView, 'status' | 'decision'>): string | null {
  if (p.status === 'voting') return p.decision ? `表决中，截止 ${formatDay(p.decision.endsAt, true)}` : '表决中';
  if (p.status === 'publicized' && p.decision) return `公示中：表决 ${formatDay(p.decision.startsAt, true)} 开始`;
  return null;
}

const STATUS_TONES: Record<ProposalStatus, TagTone> = {
  draft: 'grey',
  submitted: 'amber',
  branchReview: 'amber',
  jointReview: 'amber',
  meetingReview: 'amber',
  publicized: 'blue',
  voting: 'blue',
  decided: 'green',
  implementing: 'green',
  completed: 'green',
  returned: 'amber',
  rejected: 'red',
  withdrawn: 'grey',
};

/** A proposal's state in words; the colour and border only repeat them. */
export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  return <Tag tone={STATUS_TONES[status]}>{PROPOSAL_STATUS_LABELS[status] ?? status}</Tag>;
}

/** One proposal in a list; the whole card opens its detail page. */
export function ProposalCard({ proposal: p }: { proposal: ProposalView }) {
  const note = voteNote(p);
  return (
    <View className='linli-card proposal-item' hoverClass='linli-item--pressed' role='link' onClick={() => openProposal(p.id)}>
      <View className='linli-tags'>
        <ProposalStatusTag status={p.status} />
      </View>
      <Text className='linli-item-title'>{p.title}</Text>
      <Text className='linli-text-2'>事项：{matterText(p.matter)}</Text>
      <Text className='linli-text-2'>提出人：{proposalAuthor(p)}</Text>
      {note ? <Text className='linli-text proposal-item-note'>{note}</Text> : null}
      <Text className='linli-text-2'>更新于 {formatDay(p.updatedAt, true)}</Text>
      <Text className='linli-link'>查看详情 ›</Text>
    </View>
  );
}
