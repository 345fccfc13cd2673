import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import ListStatus from '../../components/ListStatus';
import { RequestCard } from '../../components/RequestParts';
import './index.css';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 报事报修: the resident's home for requests — raise one, and follow one's own. */
export default function RequestHome() {
  const session = useSession();

  return (
    <PageShell title='报事报修' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>您还没有选择小区。选好您住的小区、绑定房屋并通过审核后，就能向物业报事报修。</Text>
              <Button className='linli-button request-home-gap' type='primary' size='xlarge' block onClick={go('/pages/bind/index')}>
                申请绑定房屋
              </Button>
            </View>
          );
        }
        const target = { estateId };
        const queue = session.can('request.queue', target);
        const dashboard = session.can('request.dashboard', target);
        const links =
          queue || dashboard ? (
            <View className='linli-card'>
              <Text className='linli-section-title'>诉求处理</Text>
              {queue ? (
                <Button className='linli-button' size='xlarge' block onClick={go('/pages/request-queue/index')}>
                  诉求待办
                </Button>
              ) : null}
              {dashboard ? (
                <Button className='linli-button' size='xlarge' block onClick={go('/pages/request-dashboard/index')}>
                  诉求分析
                </Button>
              ) : null}
            </View>
          ) : null;

        if (!session.can('request.mine', target)) {
          return (
            <View>
              <View className='linli-card'>
                <Text className='linli-text'>
                  绑定房屋并通过审核后，就能向{currentEstateName(login) ?? '小区'}的物业报事报修、投诉、提建议，并随时看到处理到了哪一步。
                </Text>
                <Button className='linli-button request-home-gap' type='primary' size='xlarge' block onClick={go('/pages/bind/index')}>
                  申请绑定房屋
                </Button>
              </View>
              {links}
            </View>
          );
        }

        const submit = session.can('request.submit', target);
        return (
          <View>
            <Text className='linli-text-2 request-home-intro'>
              家里或小区里有东西坏了、有问题要反映，都可以在这里告诉物业。物业受理、处理后，请您确认是否解决。
            </Text>
            {submit ? (
              <Button className='linli-button request-home-new' type='primary' size='xlarge' block onClick={go('/pages/request-new/index')}>
                我要报事
              </Button>
            ) : links ? null : (
              <View className='linli-card'>
                <Text className='linli-text'>只有本小区已认证的居民可以报事报修。</Text>
              </View>
            )}
            {links}
            <Mine key={estateId} estateId={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function Mine({ estateId }: { estateId: string }) {
  const list = usePagedList((cursor) => api.request.mine({ cursor }), [estateId]);
  useDidShow(() => void list.reload());

  return (
    <View>
      <View className='request-home-head'>
        <Text className='linli-section-title request-home-title'>我的诉求（最新的在前）</Text>
        <Button className='linli-button request-home-refresh' size='xlarge' disabled={list.loading} onClick={() => void list.reload()}>
          {list.loading && list.loaded ? '正在刷新…' : '刷新'}
        </Button>
      </View>
      <ListStatus list={list} errorPrefix='没能列出您的诉求：' emptyText='您还没有提交过诉求' />
      {list.items.map((r) => (
        <RequestCard key={r.id} request={r} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
