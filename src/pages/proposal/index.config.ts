export default definePageConfig({
  navigationBarTitleText: '四方议事',
});
