import { Text, View } from '@tarojs/components';
import PageShell from '../../components/PageShell';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';

export default function Wish() {
  useUnreadBadge();
  return (
    <PageShell title='微心愿'>
      <View className='linli-card'>
        <Text className='linli-text'>
          这里将列出小区居民的微心愿：您可以发布一个小心愿，志愿者和党员认领、帮您完成，您确认后他们获得志愿积分。
        </Text>
      </View>
    </PageShell>
  );
}
