import type { AppConfig } from '@tarojs/taro';

// A plain object rather than defineAppConfig(...) (an identity function Taro injects at build
// time), so that tests can import this file under plain Node too.
const config: AppConfig = {
  pages: [
    'pages/home/index',
    'pages/wish/index',
    'pages/proposal/index',
    'pages/notice/index',
    'pages/me/index',
    'pages/devlogin/index',
    'pages/bind/index',
    'pages/binding-review/index',
    'pages/estate-setup/index',
    'pages/notice-detail/index',
    'pages/notice-edit/index',
    'pages/inbox/index',
    'pages/notify-settings/index',
    'pages/roles/index',
    'pages/wish-post/index',
    'pages/wish-detail/index',
    'pages/wish-mine/index',
    'pages/wish-review/index',
    'pages/points/index',
    'pages/rewards/index',
    'pages/points-admin/index',
    'pages/proposal-edit/index',
    'pages/proposal-detail/index',
    'pages/proposal-vote/index',
    'pages/request/index',
    'pages/request-new/index',
    'pages/request-detail/index',
    'pages/request-queue/index',
    'pages/request-dashboard/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f0',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
  },
  // Text-only tab bar: black on white, the selected tab in a dark red (7.9 : 1 on white) and
  // bold in the label style; the label itself says where you are, colour is not the only signal.
  tabBar: {
    color: '#333333',
    selectedColor: '#a8071a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/wish/index', text: '心愿' },
      { pagePath: 'pages/proposal/index', text: '议事' },
      { pagePath: 'pages/notice/index', text: '公告' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
};

export default config;
