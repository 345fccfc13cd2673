import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import './app.css';

dayjs.locale('zh-cn');

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: LINLI_CLOUD_ENV || undefined, traceUser: true });
    }
  });
  // children is the page being shown
  return children;
}

export default App;
