import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../api/client';

/** A failure, in words, that stays on the page (no toast that vanishes). */
export function ErrorNote({ error, prefix }: { error: ApiError | string | null | undefined; prefix?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <View className='linli-error' role='alert'>
      <Text>{prefix ? `${prefix}${message}` : message}</Text>
    </View>
  );
}

/** A success, in words, that stays until the next action. */
export function OkNote({ children }: { children: ReactNode }) {
  return (
    <View className='linli-ok' role='status'>
      {children}
    </View>
  );
}
