/**
 * Pieces shared by the request pages (诉求: 报事报修, complaints, suggestions, questions): the
 * address of a request, durations and the clock in words, the tags and one request in a list.
 * Words first: the borders and colours only repeat what the text says (已超时 is always written).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RequestView } from '../core/request/api';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
  type RequestCategory,
  type RequestStatus,
  type RequestType,
  type Urgency,
} from '../core/request/types';
import { formatDay } from './NoticeTags';
import Tag, { type TagTone } from './Tag';
import './RequestParts.css';

export { formatDay };

/** The detail page of one request. */
export const requestUrl = (id: string) => `/pages/request-detail/index?id=${encodeURIComponent(id)}`;
export const openRequest = (id: string) => void Taro.navigateTo({ url: requestUrl(id) });

/** Minutes as people say them: 3 小时 20 分, 45 分, 2 小时. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} 分`;
  return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`;
}

/** Late by so much, in words: 已超时 5 小时, or 已超时 20 分 within the first hour. */
export function lateText(minutesLeft: number): string {
  const late = Math.max(0, -minutesLeft);
  const h = Math.floor(late / 60);
  return h >= 1 ? `已超时 ${h} 小时` : `已超时 ${Math.max(1, Math.round(late))} 分`;
}

/** The clock of the detail page: 还剩 3 小时 20 分 / 已超时 5 小时; null when no clock runs. */
export function clockText(r: Pick<RequestView, 'minutesLeft'>): string | null {
  if (r.minutesLeft === null) return null;
  return r.minutesLeft < 0 ? lateText(r.minutesLeft) : `还剩 ${formatMinutes(r.minutesLeft)}`;
}

/** The clock of a queue card, shorter: 还剩 3 小时 / 还剩 40 分 / 已超时 5 小时. */
export function clockShort(r: Pick<RequestView, 'minutesLeft'>): string | null {
  if (r.minutesLeft === null) return null;
  if (r.minutesLeft < 0) return lateText(r.minutesLeft);
  const h = Math.floor(r.minutesLeft / 60);
  return h >= 1 ? `还剩 ${h} 小时` : `还剩 ${Math.max(0, Math.round(r.minutesLeft))} 分`;
}

/** Late: flagged by the timer, or its clock already below zero. */
export const isLate = (r: Pick<RequestView, 'overdue' | 'minutesLeft'>) => r.overdue || (r.minutesLeft !== null && r.minutesLeft < 0);

/** The first line of a description, cut to fit a card. */
export function firstLine(text: string, max = 60): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

const STATUS_TONES: Record<RequestStatus, TagTone> = {
  submitted: 'blue',
  accepted: 'amber',
  resolved: 'amber',
  closed: 'green',
  reopened: 'blue',
  transferred: 'blue',
  withdrawn: 'grey',
};

/** A request's state in words; the colour and border only repeat them. */
export function RequestStatusTag({ status }: { status: RequestStatus }) {
  return <Tag tone={STATUS_TONES[status]}>{REQUEST_STATUS_LABELS[status] ?? status}</Tag>;
}

/** 已超时, in words, with a strong red border. */
export function LateTag() {
  return (
    <Tag tone='red' className='request-tag--late'>
      已超时
    </Tag>
  );
}

interface TagsProps {
  type: RequestType;
  category: RequestCategory;
  urgency?: Urgency;
  status?: RequestStatus;
  late?: boolean;
}

/** Type, category (and urgency, state, 已超时) of a request, in words. */
export function RequestTags({ type, category, urgency, status, late }: TagsProps) {
  return (
    <View className='linli-tags'>
      {status ? <RequestStatusTag status={status} /> : null}
      {late ? <LateTag /> : null}
      <Tag>
        {REQUEST_TYPE_LABELS[type] ?? type} · {REQUEST_CATEGORY_LABELS[category] ?? category}
      </Tag>
      {urgency === 'urgent' ? <Tag tone='red'>{URGENCY_LABELS.urgent}</Tag> : null}
    </View>
  );
}

interface CardProps {
  request: RequestView;
  /** The queue's card: the clock first, in large words, the red left border when late. */
  queue?: boolean;
}

/** One request in a list; the whole card opens its detail page. */
export function RequestCard({ request: r, queue }: CardProps) {
  const late = isLate(r);
  const clock = queue ? clockShort(r) : null;
  return (
    <View
      className={`linli-card request-item${late ? ' request-item--late' : ''}`}
      hoverClass='linli-item--pressed'
      role='link'
      onClick={() => openRequest(r.id)}
    >
      {clock ? <Text className={`request-clock${late ? ' request-clock--late' : ''}`}>{clock}</Text> : null}
      <RequestTags type={r.type} category={r.category} urgency={r.urgency} status={r.status} late={late && !queue} />
      <Text className='request-item-title'>{firstLine(r.description)}</Text>
      <Text className='linli-text-2'>地点：{r.placeLabel}</Text>
      {queue ? <Text className='linli-text-2'>紧急程度：{URGENCY_LABELS[r.urgency] ?? r.urgency}</Text> : null}
      <Text className='linli-text-2'>状态：{REQUEST_STATUS_LABELS[r.status] ?? r.status}</Text>
      {queue && r.handler ? <Text className='linli-text-2'>处理人：{r.handler.name}</Text> : null}
      {r.supporters > 0 ? <Text className='linli-text-2'>{r.supporters} 人也遇到了</Text> : null}
      {r.escalated ? <Text className='linli-text-2'>已上报社区</Text> : null}
      <Text className='linli-text-2'>提交于 {formatDay(r.submittedAt, true)}</Text>
      <Text className='linli-link'>查看详情 ›</Text>
    </View>
  );
}
