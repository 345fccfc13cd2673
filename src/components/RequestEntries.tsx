import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Permission, Target } from '../core/auth/permissions';

const go = (url: string) => () => void Taro.navigateTo({ url });

interface Props {
  /** The permission rules for the current user (useSession().can, or core's can with their actor). */
  can: (permission: Permission, target?: Target) => boolean;
  estateId: string | null;
}

/**
 * The ways into requests (诉求): 报事报修 for everyone acting in an estate (the page itself tells a
 * visitor how to get verified), and where the permission rules allow 诉求待办 (property,
 * community) and 诉求分析 (property, committee, community).
 */
export default function RequestEntries({ can, estateId }: Props) {
  if (!estateId) return null;
  const target = { estateId };
  const entries: { text: string; url: string }[] = [
    { text: '报事报修', url: '/pages/request/index' },
    ...(can('request.queue', target) ? [{ text: '诉求待办', url: '/pages/request-queue/index' }] : []),
    ...(can('request.dashboard', target) ? [{ text: '诉求分析', url: '/pages/request-dashboard/index' }] : []),
  ];
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>报事与诉求</Text>
      {entries.map((e) => (
        <Button key={e.url} className='linli-button' size='xlarge' block onClick={go(e.url)}>
          {e.text}
        </Button>
      ))}
    </View>
  );
}
