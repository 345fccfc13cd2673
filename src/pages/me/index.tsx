import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { isH5 } from '../../api/dev';
import { useApi } from '../../hooks/useApi';
import PageShell from '../../components/PageShell';
import RoleList from '../../components/RoleList';

const toDevLogin = () => void Taro.navigateTo({ url: '/pages/devlogin/index' });

export default function Me() {
  const login = useApi(() => api.auth.login({}), [], { auto: false });
  useDidShow(() => void login.reload());

  const switchUser = isH5() ? (
    <Button className='linli-button' size='xlarge' block onClick={toDevLogin}>
      切换演示用户
    </Button>
  ) : null;

  return (
    <PageShell title='我的' query={login} errorExtra={switchUser}>
      {({ user, roles }) => (
        <View>
          <View className='linli-card'>
            <Text className='linli-big'>{user.name}</Text>
            <RoleList roles={roles} estateId={user.currentEstateId} />
            <Text className='linli-text-2'>
              {dayjs(user.createdAt).locale('zh-cn').format('YYYY年M月D日')} 加入邻里
            </Text>
          </View>
          {switchUser}
        </View>
      )}
    </PageShell>
  );
}
