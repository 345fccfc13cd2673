import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { type DemoPerson, getDevOpenid, listDemoPeople, setDevOpenid } from '../../api/dev';
import { useApi } from '../../hooks/useApi';
import PageShell from '../../components/PageShell';
import './index.css';

function choose(person: DemoPerson) {
  setDevOpenid(person.openid);
  void Taro.switchTab({ url: '/pages/home/index' });
}

export default function DevLogin() {
  const people = useApi(listDemoPeople);
  const current = getDevOpenid();

  return (
    <PageShell title='开发登录' query={people} emptyText='本地云还没有演示用户。'>
      {(list) => (
        <View>
          <Text className='linli-text-2 devlogin-hint'>选择一位演示用户，以他的身份使用邻里：</Text>
          {list.map((p) => (
            <Button key={p.openid} className='linli-button devlogin-person' size='xlarge' block onClick={() => choose(p)}>
              <View className='devlogin-person-body'>
                <Text className='devlogin-name'>
                  {p.name}
                  {p.openid === current ? '（当前）' : ''}
                </Text>
                {p.description ? <Text className='devlogin-desc'>{p.description}</Text> : null}
              </View>
            </Button>
          ))}
        </View>
      )}
    </PageShell>
  );
}
