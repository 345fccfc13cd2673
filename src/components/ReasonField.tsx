import { Text, Textarea, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

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
      <Text className='linli-label'>{label}</Text>
      <Textarea
        className='linli-textarea linli-textarea--short'
        value={value}
        placeholder={placeholder}
        placeholderStyle='color:#595959'
        maxlength={maxlength}
        onInput={(e) => {
          onChange(e.detail.value);
          onClearError();
        }}
      />
      <View className='linli-actions'>
        <Button className='linli-button' type='primary' size='xlarge' disabled={busy} onClick={() => onConfirm()}>
          {busy ? busyText : confirmText}
        </Button>
        {cancelText ? (
          <Button className='linli-button' size='xlarge' disabled={busy} onClick={() => onCancel?.()}>
            {cancelText}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
