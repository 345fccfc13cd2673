import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ListStatus from '../../components/ListStatus';
import { RequestCard } from '../../components/RequestParts';
import './index.css';

type Scope = 'open' | 'mine' | 'overdue' | 'transferred';
const SCOPES: { scope: Scope; text: string; empty: string }[] = [
  { scope: 'open', text: '全部待办', empty: '没有待办的诉求' },
  { scope: 'mine', text: '我处理的', empty: '没有您正在处理的诉求' },
  { scope: 'overdue', text: '已超时', empty: '没有超时的诉求' },
  { scope: 'transferred', text: '转社区的', empty: '没有转给社区的诉求' },
];

/** 诉求待办: the property company's and the community's open requests, the most urgent first. */
export default function RequestQueue() {
  const session = useSession();
  return (
    <PageShell title='诉求待办' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId || !session.can('request.queue', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>诉求待办只给本小区的物业和社区工作人员看。</Text>
            </View>
          );
        }
        return (
          <View>
            <Text className='linli-text-2 request-queue-intro'>
              {currentEstateName(login) ?? '本小区'}还没办结的诉求，剩余时间最少的在前。超时的诉求写着“已超时”，左边有红色粗线。
            </Text>
            <Queue key={estateId} estateId={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function Queue({ estateId }: { estateId: string }) {
  const [scope, setScope] = useState<Scope>('open');
  const list = usePagedList((cursor) => api.request.queue({ scope, cursor }), [estateId, scope]);
  useDidShow(() => void list.reload());
  const current = SCOPES.find((s) => s.scope === scope) ?? SCOPES[0];

  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-label'>看哪些</Text>
        <View className='linli-choices request-choices'>
          {SCOPES.map((s) => (
            <ChoiceButton key={s.scope} selected={scope === s.scope} onClick={() => setScope(s.scope)}>
              {s.text}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='request-queue-head'>
        <Text className='linli-section-title request-queue-title'>{current.text}</Text>
        <Button className='linli-button request-queue-refresh' size='xlarge' disabled={list.loading} onClick={() => void list.reload()}>
          {list.loading && list.loaded ? '正在刷新…' : '刷新'}
        </Button>
      </View>
      <ListStatus list={list} errorPrefix='没能列出诉求：' emptyText={current.empty} />
      {list.items.map((r) => (
        <RequestCard key={r.id} request={r} queue />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
