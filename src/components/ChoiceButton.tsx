import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

/**
 * One choice among several, as a large button: the chosen one is filled and also says
 * （已选）, so colour is not the only signal.
 */
export default function ChoiceButton({ selected, onClick, children }: { selected: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Button
      className={`linli-button linli-choice${selected ? ' linli-choice--selected' : ''}`}
      type={selected ? 'primary' : 'default'}
      size='xlarge'
      block
      onClick={onClick}
    >
      <Text className='linli-choice-label'>
        {children}
        {selected ? <Text className='linli-choice-mark'>（已选）</Text> : null}
      </Text>
    </Button>
  );
}
