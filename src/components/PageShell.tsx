import type { CSSProperties, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { ApiState } from '../hooks/useApi';
import { useFontScale } from '../hooks/useFontScale';
import './PageShell.css';

interface ShellProps {
  /** A heading at the top of the page, in large type. */
  title?: string;
  /** What to say when there is nothing to show (default: 暂时没有内容). */
  emptyText?: string;
  /** Shown under the error message, next to 重试 (e.g. a way to log in again). */
  errorExtra?: ReactNode;
  className?: string;
}

interface StaticProps extends ShellProps {
  query?: undefined;
  children: ReactNode;
}

interface QueryProps<T> extends ShellProps {
  /** The state of the page's main call (useApi). */
  query: ApiState<T>;
  /** Whether the answer counts as empty (default: an empty array or null). */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

const defaultIsEmpty = (data: unknown) => data == null || (Array.isArray(data) && data.length === 0);

/**
 * The frame of every page: large readable text that follows the user's WeChat font size, and
 * one of four states — loading, an error with 重试, empty, or the content. Nothing pops up.
 */
export default function PageShell<T>(props: StaticProps | QueryProps<T>) {
  const scale = useFontScale();
  const style = { '--linli-fs': String(scale) } as CSSProperties;
  const className = `linli-shell${scale >= 1.3 ? ' linli-shell--large' : ''}${props.className ? ` ${props.className}` : ''}`;

  return (
    <View className={className} style={style}>
      {props.title ? (
        <View className='linli-page-title' role='heading'>
          {props.title}
        </View>
      ) : null}
      {props.query === undefined ? props.children : <QueryBody {...(props as QueryProps<T>)} />}
    </View>
  );
}

function QueryBody<T>({ query, isEmpty = defaultIsEmpty, children, emptyText, errorExtra }: QueryProps<T>) {
  const { data, error, loading, reload } = query;

  if (error) {
    return (
      <View className='linli-state linli-state--error'>
        <Text className='linli-state-title'>没能加载出来</Text>
        <Text className='linli-state-text'>{error.message}</Text>
        <Button className='linli-button' type='primary' size='xlarge' block onClick={() => void reload()}>
          重试
        </Button>
        {errorExtra}
      </View>
    );
  }
  if (data === null) {
    return (
      <View className='linli-state'>
        <Text className='linli-state-text'>{loading ? '正在加载，请稍候…' : '暂时没有内容'}</Text>
      </View>
    );
  }
  if (isEmpty(data)) {
    return (
      <View className='linli-state'>
        <Text className='linli-state-text'>{emptyText ?? '暂时没有内容'}</Text>
      </View>
    );
  }
  return <>{children(data)}</>;
}
