/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

/** The CloudBase environment id for the weapp's Taro.cloud.init; '' means the default one. */
declare const LINLI_CLOUD_ENV: string;

/** Subscribe-message template ids by template key, as JSON ('{}' when none): {"noticePublished":"tmplId"}. */
declare const LINLI_SUBSCRIBE_TEMPLATES: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro is building for. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID?: string;
    LINLI_CLOUD_ENV?: string;
    LINLI_SUBSCRIBE_TEMPLATES?: string;
  }
}
