import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { WALL_STATUSES, WISH_CATEGORIES, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, type WishCategory } from '../../core/wish/types';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ListStatus from '../../components/ListStatus';
import WishEntries from '../../components/WishEntries';
import { WishCard } from '../../components/WishParts';
import './index.css';

type WallStatus = (typeof WALL_STATUSES)[number];

const go = (url: string) => () => void Taro.navigateTo({ url });

/** The wish wall (心愿墙): the estate's wishes, by category and state. */
export default function Wish() {
  const session = useSession();
  useUnreadBadge();
  const estateId = session.data?.user.currentEstateId ?? null;

  return (
    <PageShell title='微心愿' query={session}>
      {(login) => {
        if (!estateId) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>您还没有选择小区。请到“我的”选择您住的小区，就能看到小区居民的心愿。</Text>
            </View>
          );
        }
        if (!session.can('wish.list', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>绑定房屋并通过审核后，就能看到{currentEstateName(login) ?? '小区'}的心愿墙、发布心愿。</Text>
              <Button className='linli-button wish-gap' type='primary' size='xlarge' block onClick={go('/pages/bind/index')}>
                申请绑定房屋
              </Button>
            </View>
          );
        }
        return (
          <View>
            <Text className='linli-text-2 wish-intro'>
              {currentEstateName(login) ?? '本小区'}的心愿墙：居民的小心愿，志愿者和党员认领、帮忙完成，居民确认后志愿者获得积分。
            </Text>
            {session.can('wish.post', { estateId }) ? (
              <Button className='linli-button' type='primary' size='xlarge' block onClick={go('/pages/wish-post/index')}>
                发布心愿
              </Button>
            ) : null}
            <WishEntries can={session.can} estateId={estateId} review compact />
            <Wall key={estateId} estateId={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function Wall({ estateId }: { estateId: string }) {
  const [category, setCategory] = useState<WishCategory | null>(null);
  const [status, setStatus] = useState<WallStatus>('open');
  // Folded by default, so the wishes themselves come first on a large-font screen.
  const [filtering, setFiltering] = useState(false);
  const list = usePagedList((cursor) => api.wish.list({ ...(category ? { category } : {}), status, cursor }), [estateId, category, status]);
  useDidShow(() => void list.reload());

  const what = `${category ? WISH_CATEGORY_LABELS[category] : ''}${WISH_STATUS_LABELS[status]}`;

  return (
    <View>
      <View className='linli-card wish-filters'>
        <Text className='linli-text'>
          正在看：{category ? WISH_CATEGORY_LABELS[category] : '全部类别'} · {WISH_STATUS_LABELS[status]}
        </Text>
        <Button className='linli-button wish-gap' size='xlarge' block onClick={() => setFiltering(!filtering)}>
          {filtering ? '收起筛选' : '换个类别或状态'}
        </Button>
      </View>
      {filtering ? (
      <View className='linli-card wish-filters'>
        <Text className='linli-label'>类别</Text>
        <View className='linli-choices wish-choices'>
          <ChoiceButton selected={category === null} onClick={() => setCategory(null)}>
            全部
          </ChoiceButton>
          {WISH_CATEGORIES.map((c) => (
            <ChoiceButton key={c} selected={category === c} onClick={() => setCategory(c)}>
              {WISH_CATEGORY_LABELS[c]}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-label wish-gap'>状态</Text>
        <View className='linli-choices wish-choices'>
          {WALL_STATUSES.map((s) => (
            <ChoiceButton key={s} selected={status === s} onClick={() => setStatus(s)}>
              {WISH_STATUS_LABELS[s]}
            </ChoiceButton>
          ))}
        </View>
      </View>
      ) : null}

      <Text className='linli-section-title'>{what}的心愿（最新的在前）</Text>
      <ListStatus list={list} errorPrefix='没能列出心愿：' emptyText={`暂时没有${what}的心愿`} />
      {list.items.map((w) => (
        <WishCard key={w.id} wish={w} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
