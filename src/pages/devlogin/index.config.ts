export default definePageConfig({
  navigationBarTitleText: '开发登录',
});
