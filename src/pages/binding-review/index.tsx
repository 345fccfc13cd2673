import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { BindingView } from '../../core/binding/api';
import { RELATION_LABELS } from '../../core/binding/types';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { usePagedList } from '../../hooks/usePagedList';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import { ErrorNote, OkNote } from '../../components/Notes';
import ListStatus from '../../components/ListStatus';
import ReasonField from '../../components/ReasonField';
import './index.css';

const REASON_MAX = 200;

export default function BindingReview() {
  const session = useSession();
  return (
    <PageShell title='审核绑定申请' query={session}>
      {(login) =>
        session.can('binding.pending') ? (
          <View>
            <Text className='linli-text-2 review-estate'>小区：{currentEstateName(login) ?? '当前小区'}。最早的申请在最前面。</Text>
            <PendingList />
          </View>
        ) : (
          <View className='linli-card'>
            <Text className='linli-text'>只有本小区的党支部、物业和社区工作人员可以审核绑定申请。</Text>
          </View>
        )
      }
    </PageShell>
  );
}

function PendingList() {
  const list = usePagedList((cursor) => api.binding.pending({ cursor }));
  const [done, setDone] = useState<string | null>(null);
  useDidShow(() => void list.reload());

  const onDone = (message: string) => {
    setDone(message);
    void list.reload();
  };

  return (
    <View>
      {done ? (
        <OkNote>
          <Text className='review-done'>{done}</Text>
        </OkNote>
      ) : null}
      <ListStatus list={list} errorPrefix='没能列出申请：' emptyText='暂无待审核的申请' emptyClassName='review-empty' />
      {list.items.map((b) => (
        <ApplicationCard key={b.id} binding={b} onDone={onDone} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}

function ApplicationCard({ binding: b, onDone }: { binding: BindingView; onDone: (message: string) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const who = `${b.realName}（${b.homeLabel}，${RELATION_LABELS[b.relation] ?? b.relation}）`;

  const act = async (kind: 'approve' | 'reject') => {
    if (busy) return;
    if (kind === 'reject' && reason.trim().length < 2) {
      setError(new ApiError('INVALID_INPUT', '请写明驳回原因（至少两个字），申请人会看到'));
      return;
    }
    // On success the card leaves the list: its buttons stay disabled until then.
    await run(
      async () => {
        if (kind === 'approve') {
          await api.binding.approve({ bindingId: b.id });
          onDone(`已通过：${who}`);
        } else {
          await api.binding.reject({ bindingId: b.id, reason: reason.trim() });
          onDone(`已驳回：${who}。原因：${reason.trim()}`);
        }
      },
      { keepBusy: true },
    );
  };

  return (
    <View className='linli-card review-item'>
      <Text className='linli-row-title review-name'>{b.realName}</Text>
      <View className='review-facts'>
        <Text className='linli-text'>房屋：{b.homeLabel}</Text>
        <Text className='linli-text'>关系：{RELATION_LABELS[b.relation] ?? b.relation}</Text>
        <Text className='linli-text'>手机号：{b.phone}</Text>
        <Text className='linli-text-2'>申请时间：{dayjs(b.createdAt).locale('zh-cn').format('YYYY年M月D日 HH:mm')}</Text>
      </View>
      <ErrorNote error={error} prefix='没能完成：' />
      {rejecting ? (
        <ReasonField
          className='review-reject'
          label='驳回原因（申请人会看到）'
          placeholder='请写明驳回原因'
          maxlength={REASON_MAX}
          value={reason}
          onChange={setReason}
          onClearError={() => setError(null)}
          busy={busy}
          confirmText='确认驳回'
          busyText='正在提交…'
          onConfirm={() => void act('reject')}
          cancelText='取消'
          onCancel={() => {
            setRejecting(false);
            setError(null);
          }}
        />
      ) : (
        <View className='linli-actions'>
          <Button className='linli-button' type='primary' size='xlarge' disabled={busy} onClick={() => void act('approve')}>
            {busy ? '正在提交…' : '通过'}
          </Button>
          <Button className='linli-button' size='xlarge' disabled={busy} onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
    </View>
  );
}
