import { Input, Text, View } from '@tarojs/components';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  hint?: string;
  disabled?: boolean;
}

/** A labelled one-line text box, large enough to read and to tap. */
export default function TextField({ label, value, onChange, placeholder, type = 'text', maxlength = 40, hint, disabled }: Props) {
  return (
    <View className='linli-field'>
      <Text className='linli-label'>{label}</Text>
      <Input
        className='linli-input'
        type={type}
        value={value}
        placeholder={placeholder}
        placeholderStyle='color:#595959'
        maxlength={maxlength}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
      />
      {hint ? <Text className='linli-hint'>{hint}</Text> : null}
    </View>
  );
}
