import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { type ApiError, toApiError } from '../api/client';
import { type PhotoFolder, choosePhotos, photoUrl, uploadPhoto } from '../api/files';
import type { WishView } from '../core/wish/api';
import { MAX_PHOTOS, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, type WishStatus } from '../core/wish/types';
import { formatDay } from './NoticeTags';
import { ErrorNote } from './Notes';
import Tag, { type TagTone } from './Tag';
import './WishParts.css';

export { formatDay };

/** The detail page of one wish. */
export const wishUrl = (id: string) => `/pages/wish-detail/index?id=${encodeURIComponent(id)}`;
export const openWish = (id: string) => void Taro.navigateTo({ url: wishUrl(id) });

/** Who posted it, as the server lets the viewer see it: 王* · 3栋. */
export const wishAuthor = (w: WishView) => [w.author.name, w.author.building].filter(Boolean).join(' · ');

/** The deadline in words: 请在 2025年3月8日 14:05 前完成, or 不限时间. */
export const wishDeadline = (deadline: number | null) => (deadline ? `请在 ${formatDay(deadline, true)} 前完成` : '完成时间：不限');

const STATUS_TONES: Record<WishStatus, TagTone> = {
  pending: 'amber',
  open: 'blue',
  claimed: 'amber',
  fulfilled: 'amber',
  confirmed: 'green',
  rejected: 'red',
  cancelled: 'grey',
  expired: 'grey',
};

/** A wish's state in words; the colour and border only repeat them. */
export function WishStatusTag({ status }: { status: WishStatus }) {
  return <Tag tone={STATUS_TONES[status]}>{WISH_STATUS_LABELS[status] ?? status}</Tag>;
}

/** State and category of a wish, in words. */
export function WishTags({ wish: w }: { wish: WishView }) {
  return (
    <View className='linli-tags'>
      <WishStatusTag status={w.status} />
      <Tag>{WISH_CATEGORY_LABELS[w.category] ?? w.category}</Tag>
    </View>
  );
}

interface CardProps {
  wish: WishView;
  /** A line in bold that says what the viewer has to do about it (待您确认), with a strong border. */
  flag?: string;
  /** Show the description (in the review list). */
  withDescription?: boolean;
}

/** One wish in a list; the whole card opens its detail page. */
export function WishCard({ wish: w, flag, withDescription }: CardProps) {
  return (
    <View className={`linli-card wish-item${flag ? ' wish-item--flagged' : ''}`} hoverClass='linli-item--pressed' role='link' onClick={() => openWish(w.id)}>
      {flag ? <Text className='wish-item-flag'>{flag}</Text> : null}
      <WishTags wish={w} />
      <Text className='linli-item-title'>{w.title}</Text>
      {withDescription ? <Text className='linli-text wish-item-description'>{w.description}</Text> : null}
      <Text className='linli-text-2'>发布人：{wishAuthor(w)}</Text>
      {w.deadline ? <Text className='linli-text-2'>{wishDeadline(w.deadline)}</Text> : null}
      <Text className='linli-text-2'>
        完成后志愿者获得 {w.points} 积分{w.photos.length ? ` · 照片 ${w.photos.length} 张` : ''}
      </Text>
      {w.claimer ? <Text className='linli-text-2'>认领人：{w.claimer.name}</Text> : null}
      <Text className='linli-text-2'>发布于 {formatDay(w.createdAt, true)}</Text>
      <Text className='linli-link'>查看详情 ›</Text>
    </View>
  );
}

/** Photos, full width, each labelled in words. */
export function PhotoList({ photos, label = '照片' }: { photos: string[]; label?: string }) {
  if (photos.length === 0) return null;
  return (
    <View className='wish-photos'>
      {photos.map((p, i) => (
        <View key={p} className='wish-photo'>
          <Image className='wish-photo-img' src={photoUrl(p)} mode='widthFix' showMenuByLongpress />
          <Text className='linli-text-2'>
            {label} {i + 1} / {photos.length}
          </Text>
        </View>
      ))}
    </View>
  );
}

interface PickerProps {
  folder: PhotoFolder;
  /** File IDs already uploaded. */
  photos: string[];
  onChange: (photos: string[]) => void;
  /** Told while photos are being uploaded (the form's submit waits for them). */
  onBusy?: (busy: boolean) => void;
  disabled?: boolean;
  /** How many at most (default MAX_PHOTOS, a wish's). */
  max?: number;
  /** The label above (default 照片). */
  label?: string;
}

/** 添加照片 (up to `max`), uploaded one by one; thumbnails with 删除. */
export function PhotoPicker({ folder, photos, onChange, onBusy, disabled, max = MAX_PHOTOS, label = '照片' }: PickerProps) {
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const room = max - photos.length;

  const add = async () => {
    if (uploading || disabled || room <= 0) return;
    setError(null);
    const paths = await choosePhotos(room);
    if (paths.length === 0) return;
    onBusy?.(true);
    let current = photos;
    try {
      for (let i = 0; i < paths.length; i++) {
        setUploading(`正在上传第 ${i + 1} 张，共 ${paths.length} 张…`);
        const id = await uploadPhoto(paths[i], folder);
        current = [...current, id];
        onChange(current);
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setUploading(null);
      onBusy?.(false);
    }
  };

  return (
    <View className='wish-picker'>
      <Text className='linli-label'>
        {label}（可不加，最多 {max} 张）
      </Text>
      {photos.length ? (
        <View className='wish-thumbs'>
          {photos.map((p, i) => (
            <View key={p} className='wish-thumb'>
              <Image className='wish-thumb-img' src={photoUrl(p)} mode='aspectFill' />
              <Text className='linli-text-2'>第 {i + 1} 张</Text>
              <Button className='linli-button wish-thumb-remove' size='xlarge' block disabled={disabled || !!uploading} onClick={() => onChange(photos.filter((x) => x !== p))}>
                删除
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      <ErrorNote error={error} prefix='照片没有加上：' />
      {room > 0 ? (
        <Button className='linli-button' size='xlarge' block disabled={disabled || !!uploading} onClick={() => void add()}>
          {uploading ?? '添加照片'}
        </Button>
      ) : (
        <Text className='linli-hint'>已有 {max} 张，不能再加了。</Text>
      )}
    </View>
  );
}
