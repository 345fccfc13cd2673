import { Text, Textarea } from '@tarojs/components';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  maxlength: number;
  /** A box of a few lines (linli-textarea--short) instead of a tall one. */
  short?: boolean;
  /** More classes of the box (e.g. a height of its own). */
  className?: string;
  hint?: string;
  hintClassName?: string;
}

/**
 * A labelled text box of several lines, with a hint below (e.g. 2–500 个字，已写 12 个字。).
 * No wrapper of its own: the label, box and hint sit in the card or form that holds them.
 */
export default function TextArea({ label, value, onChange, placeholder, maxlength, short, className, hint, hintClassName }: Props) {
  return (
    <>
      <Text className='linli-label'>{label}</Text>
      <Textarea
        className={['linli-textarea', short ? 'linli-textarea--short' : '', className ?? ''].filter(Boolean).join(' ')}
        value={value}
        placeholder={placeholder}
        placeholderStyle='color:#595959'
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
      {hint ? <Text className={hintClassName ? `linli-hint ${hintClassName}` : 'linli-hint'}>{hint}</Text> : null}
    </>
  );
}

/** The usual hint of a counted text: 10–2000 个字，已写 12 个字。 */
export const countHint = (min: number, max: number, value: string) => `${min}–${max} 个字，已写 ${value.trim().length} 个字。`;
