import { View } from '@tarojs/components';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { NoticeView } from '../core/notice/api';
import { ROLE_LABELS } from '../core/auth/types';
import { CATEGORY_LABELS } from '../core/notice/types';
import Tag from './Tag';
import './NoticeTags.css';

/** Who published it, under which body: 物业 · 刘经理. */
export const noticeAuthor = (n: NoticeView) => `${ROLE_LABELS[n.authorRole] ?? n.authorRole} · ${n.authorName}`;

/** Whom it is for, in words: 全体居民, or 3栋、5栋. */
export const noticeAudience = (n: NoticeView) => (n.audience.includes('*') ? '全体居民' : n.audience.map((b) => `${b}栋`).join('、'));

/** A day in words: 2025年3月8日; with the time: 2025年3月8日 14:05. */
export const formatDay = (ms: number, withTime = false) => dayjs(ms).locale('zh-cn').format(withTime ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日');

/**
 * What kind of notice this is and what state it is in, in words: 置顶, the category, 草稿,
 * 已撤回, 已过期. The borders and colours only repeat the words.
 */
export default function NoticeTags({ notice: n }: { notice: NoticeView }) {
  return (
    <View className='linli-tags'>
      {n.pinned && n.status === 'published' ? <Tag tone='red'>置顶</Tag> : null}
      <Tag>{CATEGORY_LABELS[n.category] ?? n.category}</Tag>
      {n.status === 'draft' ? <Tag className='notice-tag--draft'>草稿（未发布）</Tag> : null}
      {n.status === 'withdrawn' ? <Tag tone='grey'>已撤回</Tag> : null}
      {n.expired ? <Tag tone='grey'>已过期</Tag> : null}
    </View>
  );
}
