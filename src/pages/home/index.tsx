import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { getDevOpenid, isH5 } from '../../api/dev';
import { can } from '../../core/auth/permissions';
import { useApi } from '../../hooks/useApi';
import { actorOf } from '../../hooks/useSession';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import PageShell from '../../components/PageShell';
import RoleList from '../../components/RoleList';
import WishEntries from '../../components/WishEntries';
import RequestEntries from '../../components/RequestEntries';

const DEVLOGIN = '/pages/devlogin/index';

export default function Home() {
  const login = useApi(() => api.auth.login({}), [], { auto: false });
  useUnreadBadge();

  useDidShow(() => {
    if (isH5() && !getDevOpenid()) {
      void Taro.reLaunch({ url: DEVLOGIN });
      return;
    }
    void login.reload();
  });

  const relogin =
    isH5() && login.error?.code === 'UNAUTHENTICATED' ? (
      <Button className='linli-button' size='xlarge' block onClick={() => void Taro.reLaunch({ url: DEVLOGIN })}>
        选择演示用户
      </Button>
    ) : null;

  return (
    <PageShell query={login} errorExtra={relogin}>
      {(session) => {
        const { user, roles } = session;
        const actor = actorOf(session);
        return (
          <View>
            <View className='linli-card'>
              <Text className='linli-big home-greeting'>您好，{user.name}</Text>
              <RoleList roles={roles} estateId={user.currentEstateId} />
            </View>
            <View className='linli-card'>
              <Text className='linli-text'>在下方选择：心愿、议事、公告，或到“我的”查看个人信息。</Text>
            </View>
            <WishEntries title='心愿与积分' can={(p, t) => (actor ? can(actor, p, t) : false)} estateId={user.currentEstateId} admin />
            <RequestEntries can={(p, t) => (actor ? can(actor, p, t) : false)} estateId={user.currentEstateId} />
          </View>
        );
      }}
    </PageShell>
  );
}
