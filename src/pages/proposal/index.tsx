import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { STAGE_LABELS, type ProposalStage } from '../../core/proposal/types';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ListStatus from '../../components/ListStatus';
import { ProposalCard } from '../../components/ProposalParts';
import './index.css';

type Filter = ProposalStage | 'mine';
const FILTERS: Filter[] = ['review', 'public', 'decided', 'closed', 'mine'];
const FILTER_LABELS: Record<Filter, string> = { ...STAGE_LABELS, mine: '我的' };
/** What the list shows, in words: 公示与表决中的议题. */
const LIST_TITLES: Record<Filter, string> = {
  review: '审核中的议题',
  public: '公示与表决中的议题',
  decided: '已决定的议题',
  closed: '未通过和已撤回的议题',
  mine: '我提出的议题',
};

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 四方议事: the estate's proposals, by stage, and the way to raise one. */
export default function Proposal() {
  const session = useSession();
  useUnreadBadge();
  const estateId = session.data?.user.currentEstateId ?? null;

  return (
    <PageShell title='四方议事' query={session}>
      {(login) => {
        if (!estateId) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>您还没有选择小区。请到“我的”选择您住的小区，就能看到小区的议事。</Text>
            </View>
          );
        }
        if (!session.can('proposal.list', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>绑定房屋并通过审核后，就能看到{currentEstateName(login) ?? '小区'}的议题、发表意见和参加表决。</Text>
              <Button className='linli-button proposal-gap' type='primary' size='xlarge' block onClick={go('/pages/bind/index')}>
                申请绑定房屋
              </Button>
            </View>
          );
        }
        return (
          <View>
            <Text className='linli-text-2 proposal-intro'>
              一议三审三公开：业主或物业提出议题（一议），经党支部初审、业委会和物业联审、联席会议审定（三审），需要时由业主表决；决议、过程和结果都公开（三公开）。
            </Text>
            {session.can('proposal.create', { estateId }) ? (
              <Button className='linli-button' type='primary' size='xlarge' block onClick={go('/pages/proposal-edit/index')}>
                提出议题
              </Button>
            ) : null}
            <ProposalList key={estateId} estateId={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function ProposalList({ estateId }: { estateId: string }) {
  const [filter, setFilter] = useState<Filter>('public');
  const list = usePagedList((cursor) => api.proposal.list({ stage: filter, cursor }), [estateId, filter], { clearOnReload: false });
  useDidShow(() => void list.reload());

  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-label'>看哪些议题</Text>
        <View className='linli-choices proposal-choices'>
          {FILTERS.map((f) => (
            <ChoiceButton key={f} selected={filter === f} onClick={() => setFilter(f)}>
              {FILTER_LABELS[f]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <Text className='linli-section-title'>{LIST_TITLES[filter]}（最新的在前）</Text>
      <ListStatus list={list} errorPrefix='没能列出议题：' emptyText={`暂时没有${LIST_TITLES[filter]}`} />
      {list.items.map((p) => (
        <ProposalCard key={p.id} proposal={p} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
