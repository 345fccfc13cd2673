import { Text } from '@tarojs/components';
import type { BindingStatus as Status } from '../core/binding/types';
import { BINDING_STATUS_LABELS } from '../core/binding/types';

/** A binding's state in words (已认证 / 待审核 / 已驳回：原因); colour only repeats them. */
export default function BindingStatus({ status, reason }: { status: Status; reason?: string | null }) {
  const label = BINDING_STATUS_LABELS[status] ?? status;
  const text = status === 'rejected' && reason ? `${label}：${reason}` : label;
  return <Text className={`binding-status binding-status--${status}`}>{text}</Text>;
}
