import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { PagedList } from '../hooks/usePagedList';
import { ErrorNote } from './Notes';

interface Props {
  /** The usePagedList result whose state is shown. */
  list: PagedList<unknown>;
  /** Put before the error message, e.g. 没能列出消息：. */
  errorPrefix: string;
  /** Shown in a card once the list has loaded and is empty. */
  emptyText: string;
  /** Extra class of the empty-state text (e.g. inbox-empty). */
  emptyClassName?: string;
}

/**
 * The state of a paged list above its items: an error with 重试, 正在加载 while the first page
 * comes, or an empty-state card once it has come empty.
 */
export default function ListStatus({ list, errorPrefix, emptyText, emptyClassName }: Props) {
  return (
    <>
      <ErrorNote error={list.error} prefix={errorPrefix} />
      {list.error ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void list.reload()}>
          重试
        </Button>
      ) : null}
      {!list.loaded && list.loading ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
      {list.loaded && list.items.length === 0 && !list.error ? (
        <View className='linli-card'>
          <Text className={emptyClassName ? `linli-text linli-empty ${emptyClassName}` : 'linli-text linli-empty'}>{emptyText}</Text>
        </View>
      ) : null}
    </>
  );
}
