/**
 * Pieces shared by 我的积分, 先锋银行 and 积分管理: dates, signed amounts, one ledger entry, a
 * redemption's state, and the loading / error lines of a section. Words first: the borders and
 * colours only repeat what the text says.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { EntryView, RedemptionView } from '../../core/points/api';
import { ENTRY_KIND_LABELS, REDEMPTION_STATUS_LABELS } from '../../core/points/types';
import type { ApiState } from '../../hooks/useApi';
import { ErrorNote } from '../../components/Notes';
import './parts.css';

/** 2025年3月8日 */
export const formatDay = (ms: number) => dayjs(ms).locale('zh-cn').format('YYYY年M月D日');
/** 2025年3月8日 14:05 */
export const formatTime = (ms: number) => dayjs(ms).locale('zh-cn').format('YYYY年M月D日 HH:mm');

/** An amount with its sign: +10, −30 (a true minus sign, not a dash). */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** A whole number typed into a box, or null when it is not one. */
export const wholeNumber = (text: string): number | null => {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
};

/** One line of the ledger: date, kind, reason, amount, balance after, 已更正. */
export function EntryRow({ entry: e, children }: { entry: EntryView; children?: ReactNode }) {
  const kind = ENTRY_KIND_LABELS[e.kind] ?? e.kind;
  return (
    <View className={`linli-row points-entry${e.reversed ? ' points-entry--reversed' : ''}`}>
      <View className='points-entry-head'>
        <Text className='points-entry-kind'>{kind}</Text>
        <Text className={`points-amount ${e.amount < 0 ? 'points-amount--out' : 'points-amount--in'}`}>{signed(e.amount)} 积分</Text>
      </View>
      {e.reason ? <Text className='linli-text points-entry-reason'>{e.reason}</Text> : null}
      <Text className='linli-text-2'>
        {formatDay(e.at)} · 之后余额 {e.balanceAfter} 积分
      </Text>
      {e.reversed ? (
        <View className='points-tags'>
          <Text className='points-tag points-tag--muted'>已更正</Text>
        </View>
      ) : null}
      {children}
    </View>
  );
}

/** A redemption's state in words: 待领取 / 已领取 / 已取消. */
export function RedemptionTag({ status }: { status: RedemptionView['status'] }) {
  return <Text className={`points-tag points-tag--${status}`}>{REDEMPTION_STATUS_LABELS[status] ?? status}</Text>;
}

/** A section's own call (useApi): its error with 重试, or 正在加载 while it has no answer. */
export function ApiStatus({ state, errorPrefix }: { state: ApiState<unknown>; errorPrefix: string }) {
  return (
    <>
      <ErrorNote error={state.error} prefix={errorPrefix} />
      {state.error ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void state.reload()}>
          重试
        </Button>
      ) : null}
      {state.data === null && !state.error ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
    </>
  );
}

/** Before the user has chosen an estate. */
export function NoEstate({ what }: { what: string }) {
  return (
    <View className='linli-card'>
      <Text className='linli-text'>您还没有选择小区。请到“我的”选择您住的小区，就能看到{what}。</Text>
    </View>
  );
}
