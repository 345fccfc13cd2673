export default definePageConfig({
  navigationBarTitleText: '审核绑定申请',
});
