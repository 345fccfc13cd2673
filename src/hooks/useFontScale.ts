import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';

/** What WeChat reports about the user's font size (「我-设置-通用-字体大小」, 关怀模式). */
interface FontInfo {
  fontSizeSetting?: number;
  fontSizeScaleFactor?: number;
}

/** WeChat's standard font size, in px; 关怀模式 is about 23.8 px, i.e. a factor of 1.4. */
const STANDARD_FONT_PX = 17;
const MIN_SCALE = 1;
const MAX_SCALE = 2;

const clamp = (n: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, n));
const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

function readInfo(): FontInfo {
  const read = (f: (() => unknown) | undefined): FontInfo | undefined => {
    try {
      const info = f?.() as FontInfo | undefined;
      return info && (positive(info.fontSizeScaleFactor) || positive(info.fontSizeSetting)) ? info : undefined;
    } catch {
      return undefined;
    }
  };
  const t = Taro as unknown as { getAppBaseInfo?: () => unknown; getSystemInfoSync?: () => unknown };
  return read(t.getAppBaseInfo) ?? read(t.getSystemInfoSync) ?? {};
}

/**
 * The factor by which the user wants text larger than standard: 1 when unknown (H5, old base
 * libraries), never below 1 (we never shrink), at most 2 (the layouts are checked up to there).
 */
export function readFontScale(): number {
  const info = readInfo();
  if (positive(info.fontSizeScaleFactor)) return clamp(info.fontSizeScaleFactor);
  if (positive(info.fontSizeSetting)) return clamp(info.fontSizeSetting / STANDARD_FONT_PX);
  return 1;
}

/** The font scale, read again each time the page is shown (the user may change it meanwhile). */
export function useFontScale(): number {
  const [scale, setScale] = useState(readFontScale);
  useDidShow(() => {
    const next = readFontScale();
    setScale((prev) => (prev === next ? prev : next));
  });
  return scale;
}
