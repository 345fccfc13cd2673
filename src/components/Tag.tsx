import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';

/** The colours of a tag (styles in PageShell.css); each page says which state gets which. */
export type TagTone = 'blue' | 'amber' | 'green' | 'red' | 'grey';

/**
 * A state or a kind in words inside a border: 待认领, 已超时, 第2版. The tone only repeats the
 * words. Put tags in a `linli-tags` row.
 */
export default function Tag({ tone, className, children }: { tone?: TagTone; className?: string; children: ReactNode }) {
  return <Text className={['linli-tag', tone ? `linli-tag--${tone}` : '', className ?? ''].filter(Boolean).join(' ')}>{children}</Text>;
}
