import { Text, View } from '@tarojs/components';
import './VoteProgress.css';

interface Props {
  /** What is counted, with the count in words: 参与人数：34 / 50 人. */
  label: string;
  /** The count so far and everyone on the roll, in the same unit (voters, or dm²). */
  value: number;
  total: number;
  /** Where the 2/3 line falls, in the same unit, and how it reads: 34 人; none for a plain count. */
  line?: { value: number; text: string } | null;
  /** The state in words: 已达到三分之二 / 还差 3 人. The colour of the bar only repeats it. */
  status: string;
  /** The line is met (the status line is drawn as met). */
  met?: boolean;
}

/** A share of a whole, for drawing only (never for deciding anything): 0–100. */
const percent = (value: number, total: number) => (total > 0 ? Math.max(0, Math.min(100, (value / total) * 100)) : 0);

/**
 * One bar of live participation: how far the count has come, a thick upright mark where the
 * 2/3 line is, and the same said in words under it.
 */
export default function VoteProgress({ label, value, total, line, status, met }: Props) {
  return (
    <View className='vote-progress'>
      <Text className='vote-progress-label'>{label}</Text>
      <View className='vote-bar' aria-hidden>
        <View className='vote-bar-fill' style={{ width: `${percent(value, total)}%` }} />
        {line ? <View className='vote-bar-line' style={{ left: `${percent(line.value, total)}%` }} /> : null}
      </View>
      {line ? <Text className='linli-text-2 vote-progress-line'>竖线是三分之二线：{line.text}</Text> : null}
      <Text className={`vote-progress-status${met ? ' vote-progress-status--met' : ''}`}>{status}</Text>
    </View>
  );
}
