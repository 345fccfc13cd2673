import { Text, View } from '@tarojs/components';
import PageShell from '../../components/PageShell';

export default function Notice() {
  return (
    <PageShell title='公告'>
      <View className='linli-card'>
        <Text className='linli-text'>这里将显示党支部、业委会、物业公司和社区发布的公告，最新的在最前面。</Text>
      </View>
    </PageShell>
  );
}
