import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { api } from '../api/client';

/** The tab that carries the unread badge: 我的 (src/app.config.ts tabBar.list). */
export const BADGE_TAB_INDEX = 4;

const badgeText = (n: number) => (n > 99 ? '99+' : String(n));

/**
 * For tab pages: each time the page is shown, reads the unread count (inbox.unreadCount) and
 * puts it on the 我的 tab as a badge, or takes the badge away. A visitor, no estate, no network:
 * nothing is shown and nothing is said — a badge is not worth an error.
 * Returns the unread count, or null while it is not known.
 */
export function useUnreadBadge(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    let count: number | null = null;
    try {
      count = (await api.inbox.unreadCount({})).unread;
    } catch {
      count = null;
    }
    if (mine !== seq.current) return;
    setUnread(count);
    try {
      if (count && count > 0) await Taro.setTabBarBadge({ index: BADGE_TAB_INDEX, text: badgeText(count) });
      else await Taro.removeTabBarBadge({ index: BADGE_TAB_INDEX });
    } catch {
      // Not a tab page, or the platform has no tab bar here.
    }
  }, []);

  useDidShow(() => void refresh());
  return unread;
}
