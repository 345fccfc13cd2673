import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { ApiError } from '../api/client';
import { ErrorNote, OkNote } from './Notes';

/** One button of an action row. */
export interface ActionButton {
  key: string;
  text: string;
  primary?: boolean;
  /** This action is the one being sent: it says 正在提交… while busy. */
  running?: boolean;
  onClick: () => void;
}

/** A row of buttons, one per action allowed now; all wait while one is being sent. */
export default function ActionButtons({ buttons, busy }: { buttons: ActionButton[]; busy: boolean }) {
  if (buttons.length === 0) return null;
  return (
    <View className='linli-actions'>
      {buttons.map((b) => (
        <Button key={b.key} className='linli-button' type={b.primary ? 'primary' : 'default'} size='xlarge' disabled={busy} onClick={() => b.onClick()}>
          {busy && b.running ? '正在提交…' : b.text}
        </Button>
      ))}
    </View>
  );
}

interface ConfirmProps {
  busy: boolean;
  /** The confirm button waits too (e.g. while photos upload); its words should say why. */
  waiting?: boolean;
  confirmText: string;
  busyText?: string;
  onConfirm: () => void;
  /** Text of a cancel button next to the confirm button; no cancel button without it. */
  cancelText?: string;
  onCancel?: () => void;
}

/** The end of a form: a confirm button (正在提交… while busy) and a cancel button beside it. */
export function ConfirmButtons({ busy, waiting = false, confirmText, busyText = '正在提交…', onConfirm, cancelText, onCancel }: ConfirmProps) {
  return (
    <View className='linli-actions'>
      <Button className='linli-button' type='primary' size='xlarge' disabled={busy || waiting} onClick={() => onConfirm()}>
        {busy ? busyText : confirmText}
      </Button>
      {cancelText ? (
        <Button className='linli-button' size='xlarge' disabled={busy} onClick={() => onCancel?.()}>
          {cancelText}
        </Button>
      ) : null}
    </View>
  );
}

/** The item changed meanwhile (someone else acted, or it is gone): only a reload helps. */
const isStale = (error: ApiError | null) => !!error && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND');

interface NotesProps {
  /** What the last action did, in words. */
  done: string | null;
  error: ApiError | null;
  /** What the page shows, in the words of 心愿的情况已经变了: 心愿, 诉求, 议题. */
  item: string;
  onRefresh: () => void;
}

/** Above a detail page's actions: what the last one did or why it failed; 刷新 when the item changed meanwhile. */
export function ActionNotes({ done, error, item, onRefresh }: NotesProps) {
  const stale = isStale(error);
  return (
    <>
      {done ? (
        <OkNote>
          <Text className='linli-done'>{done}</Text>
        </OkNote>
      ) : null}
      <ErrorNote error={error} prefix={stale ? `${item}的情况已经变了：` : '没能完成：'} />
      {stale ? (
        <Button className='linli-button' type='primary' size='xlarge' block onClick={() => onRefresh()}>
          刷新
        </Button>
      ) : null}
    </>
  );
}
