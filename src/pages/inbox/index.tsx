import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import type { InboxItemView } from '../../core/inbox/api';
import { usePagedList } from '../../hooks/usePagedList';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import { formatDay } from '../../components/NoticeTags';
import { ErrorNote, OkNote } from '../../components/Notes';
import ListStatus from '../../components/ListStatus';
import './index.css';

/**
 * The tab bar's pages (app.config.ts tabBar.list): they open with switchTab. Listed here because
 * the app config cannot be imported at run time (Taro compiles it away in H5).
 */
const TAB_PAGES = new Set(['/pages/home/index', '/pages/wish/index', '/pages/proposal/index', '/pages/notice/index', '/pages/me/index']);

/** Opens a link of the app: a tab page by switchTab, any other page by navigateTo. */
function openLink(link: string) {
  const url = link.startsWith('/') ? link : `/${link}`;
  if (TAB_PAGES.has(url.split('?')[0])) void Taro.switchTab({ url: url.split('?')[0] });
  else void Taro.navigateTo({ url });
}

export default function Inbox() {
  const [unread, setUnread] = useState<number | null>(null);
  /** Items read here since the list was fetched (the list itself is not fetched again meanwhile). */
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const list = usePagedList(async (cursor) => {
    const page = await api.inbox.list({ cursor });
    if (!cursor) {
      setUnread(page.unread);
      setReadHere(new Set());
    }
    return page;
  });
  useDidShow(() => void list.reload());
  const { busy, error, run } = useSubmit();
  const [allDone, setAllDone] = useState<number | null>(null);

  const isRead = (item: InboxItemView) => item.read || readHere.has(item.id);
  const unreadNow = unread === null ? null : Math.max(0, unread - list.items.filter((i) => !i.read && readHere.has(i.id)).length);

  const open = async (item: InboxItemView) => {
    if (!isRead(item)) {
      setReadHere((s) => new Set(s).add(item.id));
      setAllDone(null);
      // Marking it read is not worth stopping the user: a failure shows again as 未读 next time.
      void api.inbox.markRead({ itemId: item.id }).catch(() => undefined);
    }
    if (item.link) openLink(item.link);
  };

  const markAll = async () => {
    if (busy) return;
    await run(async () => {
      const { changed } = await api.inbox.markAllRead({});
      setAllDone(changed);
      await list.reload();
    });
  };

  return (
    <PageShell title='我的消息'>
      <View className='linli-card inbox-head'>
        <Text className='linli-text inbox-count'>
          {unreadNow === null ? '正在查看未读消息…' : unreadNow > 0 ? `您有 ${unreadNow} 条未读消息` : '没有未读消息'}
        </Text>
        {allDone !== null ? (
          <OkNote>
            <Text>已全部标为已读{allDone ? `（${allDone} 条）` : ''}</Text>
          </OkNote>
        ) : null}
        <ErrorNote error={error} prefix='没能标为已读：' />
        {unreadNow ? (
          <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => void markAll()}>
            {busy ? '正在标记…' : '全部已读'}
          </Button>
        ) : null}
        <Button className='linli-button' size='xlarge' block onClick={() => void Taro.navigateTo({ url: '/pages/notify-settings/index' })}>
          通知设置
        </Button>
      </View>

      <ListStatus list={list} errorPrefix='没能列出消息：' emptyText='暂时没有消息' emptyClassName='inbox-empty' />
      {list.items.map((item) => {
        const read = isRead(item);
        return (
          <View
            key={item.id}
            className={`linli-card inbox-item${read ? ' inbox-item--read' : ' inbox-item--unread'}`}
            hoverClass='linli-item--pressed'
            role={item.link ? 'link' : undefined}
            onClick={() => void open(item)}
          >
            <View className='inbox-item-head'>
              <Text className={`inbox-state${read ? '' : ' inbox-state--unread'}`}>{read ? '已读' : '未读'}</Text>
              <Text className='linli-text-2 inbox-time'>{formatDay(item.createdAt, true)}</Text>
            </View>
            <Text className='inbox-title'>{item.title}</Text>
            {item.body ? <Text className='linli-text'>{item.body}</Text> : null}
            {item.link ? <Text className='linli-link inbox-open'>查看详情 ›</Text> : read ? null : <Text className='linli-text-2'>点按标为已读</Text>}
          </View>
        );
      })}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </PageShell>
  );
}
