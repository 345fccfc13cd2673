import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useState } from 'react';
import { api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { NoticeView } from '../../core/notice/api';
import { useApi } from '../../hooks/useApi';
import { usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import PageShell from '../../components/PageShell';
import NoticeTags, { formatDay, noticeAudience, noticeAuthor } from '../../components/NoticeTags';
import { ErrorNote } from '../../components/Notes';
import ListStatus from '../../components/ListStatus';
import './index.css';

const go = (url: string) => () => void Taro.navigateTo({ url });
const openNotice = (id: string) => go(`/pages/notice-detail/index?id=${encodeURIComponent(id)}`);

export default function Notice() {
  const session = useSession();
  useUnreadBadge();
  const estateId = session.data?.user.currentEstateId ?? null;
  const mayPublish = !!estateId && session.can('notice.create', { estateId });

  return (
    <PageShell title='公告' query={session}>
      {(login) =>
        estateId ? (
          <View>
            <Text className='linli-text-2 notice-estate'>{currentEstateName(login) ?? '当前小区'}的公告，置顶的在最前面，其余最新的在前。</Text>
            {mayPublish ? <PublisherCard estateId={estateId} /> : null}
            {process.env.TARO_ENV === 'weapp' ? <RemindMe /> : null}
            <NoticeList estateId={estateId} />
          </View>
        ) : (
          <View className='linli-card'>
            <Text className='linli-text'>您还没有选择小区。请到“我的”选择您住的小区，就能看到小区的公告。</Text>
          </View>
        )
      }
    </PageShell>
  );
}

/** WeChat only: one tap grants one reminder of the next new notice (订阅消息). */
function RemindMe() {
  const [asked, setAsked] = useState(false);
  return (
    <Button className='linli-button' size='xlarge' block disabled={asked} onClick={() => void requestSubscribe('noticeRemind').then(() => setAsked(true))}>
      {asked ? '已设置：有新公告时微信提醒我一次' : '有新公告时微信提醒我'}
    </Button>
  );
}

/** For those who publish: 发布公告, and their drafts with a way to go on editing them. */
function PublisherCard({ estateId }: { estateId: string }) {
  // Loads on mount (it may appear after the page was shown) and again each time it is shown.
  const drafts = useApi(() => api.notice.drafts({}), [estateId]);
  useDidShow(() => void drafts.reload());

  return (
    <View className='linli-card notice-publisher'>
      <Button className='linli-button' type='primary' size='xlarge' block onClick={go('/pages/notice-edit/index')}>
        发布公告
      </Button>
      <Text className='linli-section-title'>我的草稿</Text>
      <ErrorNote error={drafts.error} prefix='没能列出草稿：' />
      {drafts.error ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void drafts.reload()}>
          重试
        </Button>
      ) : null}
      {!drafts.data && !drafts.error ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
      {drafts.data && drafts.data.length === 0 ? <Text className='linli-text-2 notice-drafts-empty'>没有未发布的草稿。</Text> : null}
      {drafts.data?.map((d) => (
        <View key={d.id} className='linli-row notice-draft'>
          <Text className='linli-row-title'>{d.title}</Text>
          <Text className='linli-text-2'>上次保存：{formatDay(d.updatedAt, true)}</Text>
          <Button className='linli-button notice-draft-edit' size='xlarge' block onClick={go(`/pages/notice-edit/index?id=${encodeURIComponent(d.id)}`)}>
            继续编辑：{d.title}
          </Button>
        </View>
      ))}
    </View>
  );
}

function NoticeList({ estateId }: { estateId: string }) {
  const list = usePagedList((cursor) => api.notice.list({ cursor }), [estateId]);
  useDidShow(() => void list.reload());

  return (
    <View className='notice-list'>
      <ListStatus list={list} errorPrefix='没能列出公告：' emptyText='暂时没有公告' emptyClassName='notice-empty' />
      {list.items.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}

/** One notice; the whole card opens it. */
function NoticeCard({ notice: n }: { notice: NoticeView }) {
  const withdrawn = n.status === 'withdrawn';
  return (
    <View
      className={`linli-card notice-item${withdrawn ? ' notice-item--withdrawn' : ''}${n.pinned && !withdrawn ? ' notice-item--pinned' : ''}`}
      hoverClass='linli-item--pressed'
      role='link'
      onClick={openNotice(n.id)}
    >
      <NoticeTags notice={n} />
      <Text className='notice-item-title'>{n.title}</Text>
      <Text className='linli-text-2'>{noticeAuthor(n)}</Text>
      <Text className='linli-text-2'>
        {n.publishedAt ? formatDay(n.publishedAt) : formatDay(n.updatedAt)} · 已读 {n.readCount} 人
        {n.audience.includes('*') ? '' : ` · 发给：${noticeAudience(n)}`}
      </Text>
      {withdrawn ? (
        <Text className='linli-text notice-item-withdrawn'>
          此公告已撤回{n.withdrawReason ? `，原因：${n.withdrawReason}` : ''}
        </Text>
      ) : null}
      <Text className='linli-link notice-item-open'>查看全文 ›</Text>
    </View>
  );
}
