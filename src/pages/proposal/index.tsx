import { Text, View } from '@tarojs/components';
import PageShell from '../../components/PageShell';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';

export default function Proposal() {
  useUnreadBadge();
  return (
    <PageShell title='四方议事'>
      <View className='linli-card'>
        <Text className='linli-text'>
          这里将列出小区的议事事项：业主或物业提出议题，经党支部、业委会和物业、联席会议三道审核后公示，需要时由业主投票表决，决议、过程和结果都会公开。
        </Text>
      </View>
    </PageShell>
  );
}
