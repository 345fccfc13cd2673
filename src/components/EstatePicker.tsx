import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { type ApiError, api, toApiError } from '../api/client';
import type { EstateView } from '../core/estate/api';
import { useApi } from '../hooks/useApi';
import { ErrorNote } from './Notes';

interface Props {
  /** Called with the chosen estate (e.g. auth.switchEstate); an ApiError thrown is shown here. */
  onPick: (estate: EstateView) => Promise<unknown>;
  /** Estates not to offer (the current one). */
  exclude?: readonly string[];
  /** What the buttons say before the name (default 选择). */
  verb?: string;
}

/** The estates one can join (estate.list), one large button each. */
export default function EstatePicker({ onPick, exclude = [], verb = '选择' }: Props) {
  const estates = useApi(() => api.estate.list({}));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const pick = async (e: EstateView) => {
    if (busy) return;
    setBusy(e.id);
    setError(null);
    try {
      await onPick(e);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  if (estates.error) {
    return (
      <View>
        <ErrorNote error={estates.error} prefix='没能列出小区：' />
        <Button className='linli-button' size='xlarge' block onClick={() => void estates.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!estates.data) return <Text className='linli-text-2'>正在列出小区，请稍候…</Text>;
  const shown = estates.data.filter((e) => !exclude.includes(e.id));
  if (shown.length === 0) return <Text className='linli-text-2'>没有其他可加入的小区。</Text>;

  return (
    <View className='estate-picker'>
      <ErrorNote error={error} />
      {shown.map((e) => (
        <Button key={e.id} className='linli-button linli-button--tall estate-choice' size='xlarge' block disabled={busy !== null} onClick={() => void pick(e)}>
          <View className='linli-button-lines'>
            <Text className='linli-button-main'>{busy === e.id ? '正在切换…' : `${verb}：${e.name}`}</Text>
            <Text className='linli-button-sub'>{[e.city, e.community].filter(Boolean).join(' · ')}</Text>
          </View>
        </Button>
      ))}
    </View>
  );
}
