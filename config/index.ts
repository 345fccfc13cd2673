import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro 4 (webpack5) build configuration.
 * - weapp builds into miniprogram/ (project.config.json's miniprogramRoot), H5 into dist/.
 * - NutUI React Taro is drawn at 375 px, our own styles at 750 px (TRAPS.md).
 */
const isH5 = process.env.TARO_ENV === 'h5';

/** postcss-pxtransform passes the postcss Input ({ file }) or, for the H5 root script, a number. */
const designWidth = (input?: unknown): number => {
  const file = (input as { file?: string } | undefined)?.file;
  if (typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui')) return 375;
  return 750;
};

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2024-11-23',
    designWidth,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist' : 'miniprogram',
    plugins: [],
    defineConstants: {
      LINLI_CLOUD_ENV: JSON.stringify(process.env.LINLI_CLOUD_ENV ?? ''),
      /** Subscribe-message template ids by template key, JSON: {"noticePublished":"tmplId"} (src/api/subscribe.ts). */
      LINLI_SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.LINLI_SUBSCRIBE_TEMPLATES || '{}'),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI in the dev prebundle makes a watch build exceed 2 MB (TRAPS.md).
      prebundle: {
        exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'],
      },
    },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      esnextModules: ['@nutui'],
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      /**
       * Taro splits only initial chunks, so every page's async chunk carried its own copy of
       * PageShell and NutUI's Button (JS and CSS). Split async chunks too.
       */
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
