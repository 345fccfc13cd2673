import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { PhotoList } from './WishParts';
import './Timeline.css';

/** One step of a 经过, in the words the page chose for it. */
export interface TimelineRow {
  key: string;
  /** When, as the first line: 2025年3月8日 14:05 (or 第 3 条 · 2025年3月8日 14:05). */
  when: string;
  /** Who acted: a name, shown with the role; with no role (the system), the name or 系统. */
  who: string;
  role: string | null;
  /** What they did: 提交了诉求. */
  what: string;
  /** The state before and after, in words; the 状态 line shows only when the state changed. */
  from?: string | null;
  to?: string | null;
  /** What they wrote, with its label: 原因：…, 说明：…. */
  note?: string | null;
  photos?: string[];
  /** Anything more under the step (a version's text, a notice to open). */
  extra?: ReactNode;
}

/** The steps, one row each: when, who（role）and what, 状态：from → to, what was written, photos. */
export function TimelineRows({ rows }: { rows: TimelineRow[] }) {
  return (
    <>
      {rows.map((r) => (
        <View key={r.key} className='linli-row linli-step'>
          <Text className='linli-text-2'>{r.when}</Text>
          <Text className='linli-text linli-step-what'>
            {r.role === null ? r.who || '系统' : `${r.who}（${r.role}）`}
            {r.what}
          </Text>
          {r.to && r.from !== r.to ? (
            <Text className='linli-text-2'>
              状态：{r.from ? `${r.from} → ` : ''}
              {r.to}
            </Text>
          ) : null}
          {r.note ? (
            <Text className='linli-text linli-step-note' userSelect>
              {r.note}
            </Text>
          ) : null}
          {r.photos ? <PhotoList photos={r.photos} /> : null}
          {r.extra}
        </View>
      ))}
    </>
  );
}

/** A card 经过 with every step in order; nothing while there are none. */
export default function Timeline({ rows }: { rows: TimelineRow[] }) {
  if (rows.length === 0) return null;
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>经过</Text>
      <TimelineRows rows={rows} />
    </View>
  );
}
