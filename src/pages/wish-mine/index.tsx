import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import type { WishPage, WishView } from '../../core/wish/api';
import { usePagedList } from '../../hooks/usePagedList';
import { useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ListStatus from '../../components/ListStatus';
import { WishCard } from '../../components/WishParts';
import './index.css';

type Tab = 'mine' | 'claims';

const TABS: Record<Tab, { label: string; empty: string; hint: string }> = {
  mine: { label: '我发布的', empty: '您还没有发布过心愿', hint: '标着“待您确认”的心愿，志愿者已经做完了，请打开看看，确认或说明还差什么。' },
  claims: { label: '我认领的', empty: '您还没有认领过心愿', hint: '标着“进行中”的心愿正等您帮忙，做完后请打开它，点“标记已完成”。' },
};

/** What needs the person's action, in words (the border only repeats it). */
const flagOf = (tab: Tab, w: WishView): string | undefined => {
  if (tab === 'mine' && w.status === 'fulfilled') return '待您确认';
  if (tab === 'claims' && w.status === 'claimed') return '进行中';
  return undefined;
};

export default function WishMine() {
  const session = useSession();
  const [chosen, setChosen] = useState<Tab | null>(null);

  return (
    <PageShell title='我的心愿' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        const tabs: Tab[] = estateId
          ? [...(session.can('wish.post', { estateId }) ? (['mine'] as const) : []), ...(session.can('wish.claims', { estateId }) ? (['claims'] as const) : [])]
          : [];
        if (!estateId || tabs.length === 0) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>这里列出您发布的和认领的心愿。绑定房屋并通过审核的居民可以发布心愿，志愿者和党员可以认领心愿。</Text>
            </View>
          );
        }
        const tab = chosen && tabs.includes(chosen) ? chosen : tabs[0];
        return (
          <View>
            {tabs.length > 1 ? (
              <View className='linli-choices wish-choices'>
                {tabs.map((t) => (
                  <ChoiceButton key={t} selected={tab === t} onClick={() => setChosen(t)}>
                    {TABS[t].label}
                  </ChoiceButton>
                ))}
              </View>
            ) : (
              <Text className='linli-section-title'>{TABS[tab].label}</Text>
            )}
            <MyList key={`${estateId}-${tab}`} tab={tab} />
          </View>
        );
      }}
    </PageShell>
  );
}

function MyList({ tab }: { tab: Tab }) {
  const list = usePagedList<WishView>((cursor): Promise<WishPage> => (tab === 'mine' ? api.wish.mine({ cursor }) : api.wish.claims({ cursor })), [tab]);
  useDidShow(() => void list.reload());

  return (
    <View>
      <Text className='linli-text-2 wish-mine-hint'>{TABS[tab].hint}</Text>
      <ListStatus list={list} errorPrefix='没能列出心愿：' emptyText={TABS[tab].empty} />
      {list.items.map((w) => (
        <WishCard key={w.id} wish={w} flag={flagOf(tab, w)} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      {tab === 'mine' && list.loaded && list.items.length === 0 ? (
        <Button className='linli-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: '/pages/wish-post/index' })}>
          发布心愿
        </Button>
      ) : null}
    </View>
  );
}
