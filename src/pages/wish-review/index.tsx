import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import ListStatus from '../../components/ListStatus';
import { WishCard } from '../../components/WishParts';
import './index.css';

/** For the party branch and the community: wishes waiting for a person's review, and the way to points and rewards. */
export default function WishReview() {
  const session = useSession();
  return (
    <PageShell title='心愿审核与兑换' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId || !session.can('wish.pending', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>只有本小区的党支部和社区工作人员可以审核心愿、管理积分兑换。</Text>
            </View>
          );
        }
        return (
          <View>
            <Text className='linli-text-2 wish-review-estate'>小区：{currentEstateName(login) ?? '当前小区'}</Text>
            {session.can('points.redemptions', { estateId }) ? (
              <View className='linli-card'>
                <Text className='linli-section-title'>积分与兑换</Text>
                <Text className='linli-text-2 wish-review-gap'>志愿者的积分、先锋银行的物品和兑换登记，在这里管理。</Text>
                <Button className='linli-button' size='xlarge' block onClick={() => void Taro.navigateTo({ url: '/pages/points-admin/index' })}>
                  积分与兑换管理
                </Button>
              </View>
            ) : null}
            <PendingList key={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function PendingList() {
  const list = usePagedList((cursor) => api.wish.pending({ cursor }));
  useDidShow(() => void list.reload());

  return (
    <View>
      <Text className='linli-section-title'>待审核的心愿</Text>
      <Text className='linli-text-2 wish-review-gap'>这些心愿需要人工看一看才能上墙，最早的在最前面。打开心愿，点“审核通过”或“驳回”。</Text>
      <ListStatus list={list} errorPrefix='没能列出待审核的心愿：' emptyText='暂无待审核的心愿' />
      {list.items.map((w) => (
        <WishCard key={w.id} wish={w} withDescription />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
