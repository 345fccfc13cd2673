export default definePageConfig({
  navigationBarTitleText: '先锋银行',
});
