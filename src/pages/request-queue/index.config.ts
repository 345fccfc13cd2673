export default definePageConfig({
  navigationBarTitleText: '诉求待办',
});
