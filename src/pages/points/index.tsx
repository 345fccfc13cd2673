import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { useApi } from '../../hooks/useApi';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import ListStatus from '../../components/ListStatus';
import { ErrorNote } from '../../components/Notes';
import { ApiStatus, EntryRow, NoEstate } from './parts';
import './index.css';

interface Summary {
  balance: number;
  wishesFulfilled: number;
}

export default function Points() {
  const session = useSession();
  return (
    <PageShell title='我的积分' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        return estateId ? (
          <View>
            <Text className='linli-text-2 points-estate'>小区：{currentEstateName(login) ?? '当前小区'}。</Text>
            <PointsBody estateId={estateId} />
          </View>
        ) : (
          <NoEstate what='您的志愿积分' />
        );
      }}
    </PageShell>
  );
}

function PointsBody({ estateId }: { estateId: string }) {
  // points.mine answers the balance with each page of the ledger; the first page's is shown.
  const [summary, setSummary] = useState<Summary | null>(null);
  const ledger = usePagedList(
    async (cursor) => {
      const r = await api.points.mine({ cursor });
      if (!cursor) setSummary({ balance: r.balance, wishesFulfilled: r.wishesFulfilled });
      return { items: r.entries, nextCursor: r.nextCursor };
    },
    [estateId],
  );
  const ranking = useApi(() => api.points.ranking({}), [estateId]);
  useDidShow(() => {
    void ledger.reload();
    void ranking.reload();
  });

  // Nothing to show at all (not verified here, no network): one message, one 重试.
  if (!summary && ledger.error) {
    return (
      <View className='linli-card'>
        <ErrorNote error={ledger.error} prefix='没能读取积分：' />
        <Button className='linli-button' size='xlarge' block onClick={() => void ledger.reload()}>
          重试
        </Button>
      </View>
    );
  }

  return (
    <View>
      <View className='linli-card points-summary'>
        {summary ? (
          <View>
            <View className='points-balance-line'>
              <Text className='points-balance-label'>积分余额</Text>
              <Text className='points-balance'>{summary.balance}</Text>
            </View>
            <Text className='linli-text points-wishes'>已完成心愿 {summary.wishesFulfilled} 个</Text>
          </View>
        ) : (
          <Text className='linli-text-2'>正在读取积分，请稍候…</Text>
        )}
        <Button className='linli-button points-to-rewards' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: '/pages/rewards/index' })}>
          去先锋银行兑换
        </Button>
      </View>

      <View className='linli-card points-ledger'>
        <Text className='linli-section-title'>积分明细</Text>
        <Text className='linli-text-2 points-hint'>最新的在前。</Text>
        <ListStatus list={ledger} errorPrefix='没能列出积分明细：' emptyText='还没有积分记录' />
        {ledger.items.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
        {ledger.nextCursor ? (
          <Button className='linli-button' size='xlarge' block disabled={ledger.loading} onClick={() => void ledger.loadMore()}>
            {ledger.loading ? '正在加载…' : '加载更多'}
          </Button>
        ) : null}
      </View>

      <View className='linli-card points-ranking'>
        <Text className='linli-section-title'>志愿者排行</Text>
        <Text className='linli-text-2 points-hint'>按完成的心愿数（发布人已确认），前 20 名。</Text>
        <ApiStatus state={ranking} errorPrefix='没能读取排行：' />
        {ranking.data && ranking.data.length === 0 ? <Text className='linli-text linli-empty'>还没有完成的心愿</Text> : null}
        {ranking.data?.map((r) => (
          <View key={`${r.rank}-${r.name}`} className={`linli-row points-rank${r.me ? ' points-rank--me' : ''}`}>
            <Text className='points-rank-no'>第 {r.rank} 名</Text>
            <View className='points-rank-body'>
              <Text className='linli-row-title'>
                {r.name}
                {r.me ? '（我）' : ''}
              </Text>
              <Text className='linli-text-2'>完成心愿 {r.wishesFulfilled} 个</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
