import { View } from '@tarojs/components';
import TextArea from './TextArea';
import { ConfirmButtons } from './ActionButtons';

interface Props {
  /** Class of the wrapping View (e.g. review-reject). */
  className?: string;
  label: string;
  placeholder: string;
  maxlength: number;
  value: string;
  onChange: (value: string) => void;
  /** Called on every input too, e.g. to clear the error shown. */
  onClearError: () => void;
  busy: boolean;
  confirmText: string;
  busyText: string;
  onConfirm: () => void;
  /** Text of a cancel button next to the confirm button; no cancel button without it. */
  cancelText?: string;
  onCancel?: () => void;
}

/** The words of a reason form, which is all that differs between a page's reason forms. */
export type ReasonWords = Pick<Props, 'label' | 'placeholder' | 'confirmText' | 'busyText' | 'cancelText'>;

/** A labelled short text box for a reason, with a confirm (and a cancel) button below. */
export default function ReasonField({
  className,
  label,
  placeholder,
  maxlength,
  value,
  onChange,
  onClearError,
  busy,
  confirmText,
  busyText,
  onConfirm,
  cancelText,
  onCancel,
}: Props) {
  return (
    <View className={className}>
      <TextArea
        label={label}
        short
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onChange={(v) => {
          onChange(v);
          onClearError();
        }}
      />
      <ConfirmButtons busy={busy} confirmText={confirmText} busyText={busyText} onConfirm={onConfirm} cancelText={cancelText} onCancel={onCancel} />
    </View>
  );
}
