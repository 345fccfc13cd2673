/**
 * Dates as people in China read them, whatever the server's time zone: China Standard Time is
 * UTC+8 all year, so shifting by eight hours and reading the UTC fields is exact.
 */
const shift = (ms: number) => new Date(ms + 8 * 3600_000);
const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-23 */
export const chinaDate = (ms: number): string => shift(ms).toISOString().slice(0, 10);

/** 2026年11月23日 16:05 */
export function chinaDateTime(ms: number): string {
  const d = shift(ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
