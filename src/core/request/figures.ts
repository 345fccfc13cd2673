/**
 * 总结分析: the figures of a period's requests, as one pure function so that the dashboard, the
 * CSV and the tests agree. Every median and average carries its sample size and is withheld
 * (null) below MIN_SAMPLE: one quick fix must not read as a record.
 */
import { chinaDate } from '../shared/time';
import { OPEN_STATUSES, REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, type Rating, type RequestCategory, type RequestStatus, type RequestType } from './types';

export interface FigureInput {
  id: string;
  type: RequestType;
  category: RequestCategory;
  building: string | null;
  placeLabel: string;
  status: RequestStatus;
  submittedAt: number;
  acceptedAt: number | null;
  resolvedAt: number | null;
  resolveBy: number;
  reopenCount: number;
  rating: Rating | null;
  overdue: boolean;
}

export interface Stat {
  n: number;
  /** Minutes, one decimal; null below the minimum sample. */
  medianMin: number | null;
  averageMin: number | null;
}

export interface Share {
  /** How many the share is of, and how many qualify. */
  of: number;
  count: number;
  /** Percent with one decimal; null below the minimum sample. */
  percent: number | null;
}

export interface Figures {
  from: number;
  to: number;
  minSample: number;
  total: number;
  byCategory: Array<{ category: RequestCategory; count: number }>;
  byBuilding: Array<{ building: string; count: number }>;
  withinTarget: Share;
  timeToAccept: Stat;
  timeToResolve: Stat;
  reopened: Share;
  satisfaction: { n: number; speed: number | null; result: number | null; attitude: number | null; overall: number | null };
  slowestOpen: Array<{ id: string; type: RequestType; category: RequestCategory; placeLabel: string; status: RequestStatus; ageMin: number; overdue: boolean }>;
}

const MINUTE = 60_000;
const one = (x: number) => Math.round(x * 10) / 10;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function stat(durationsMs: number[], minSample: number): Stat {
  const n = durationsMs.length;
  if (n < minSample) return { n, medianMin: null, averageMin: null };
  return { n, medianMin: one(median(durationsMs)! / MINUTE), averageMin: one(mean(durationsMs)! / MINUTE) };
}

const share = (of: number, count: number, minSample: number): Share => ({ of, count, percent: of >= minSample ? one((count * 100) / of) : null });

export const COMMON_AREA = '公共区域';

export function computeFigures(all: readonly FigureInput[], opts: { from: number; to: number; now: number; minSample: number }): Figures {
  const rs = all.filter((r) => r.submittedAt >= opts.from && r.submittedAt < opts.to && r.status !== 'withdrawn');
  const countBy = <K extends string>(key: (r: FigureInput) => K) => {
    const m = new Map<K, number>();
    for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const resolved = rs.filter((r) => r.resolvedAt !== null);
  const rated = rs.filter((r) => r.rating !== null).map((r) => r.rating!);
  const avg = (k: keyof Rating) => (rated.length >= opts.minSample ? one(mean(rated.map((x) => x[k]))!) : null);
  const satisfaction = { n: rated.length, speed: avg('speed'), result: avg('result'), attitude: avg('attitude'), overall: rated.length >= opts.minSample ? one(mean(rated.map((x) => (x.speed + x.result + x.attitude) / 3))!) : null };
  return {
    from: opts.from,
    to: opts.to,
    minSample: opts.minSample,
    total: rs.length,
    byCategory: countBy((r) => r.category).map(([category, count]) => ({ category, count })),
    byBuilding: countBy((r) => (r.building ? `${r.building}栋` : COMMON_AREA)).map(([building, count]) => ({ building, count })),
    withinTarget: share(resolved.length, resolved.filter((r) => r.resolvedAt! <= r.resolveBy).length, opts.minSample),
    timeToAccept: stat(rs.filter((r) => r.acceptedAt !== null).map((r) => r.acceptedAt! - r.submittedAt), opts.minSample),
    timeToResolve: stat(resolved.map((r) => r.resolvedAt! - r.submittedAt), opts.minSample),
    reopened: share(resolved.length, resolved.filter((r) => r.reopenCount > 0).length, opts.minSample),
    satisfaction,
    slowestOpen: rs
      .filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status))
      .sort((a, b) => a.submittedAt - b.submittedAt)
      .slice(0, 5)
      .map((r) => ({ id: r.id, type: r.type, category: r.category, placeLabel: r.placeLabel, status: r.status, ageMin: Math.floor((opts.now - r.submittedAt) / MINUTE), overdue: r.overdue })),
  };
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (...cells: unknown[]) => cells.map(cell).join(',');
const shown = (v: number | null, n: number, min: number) => (v === null ? `样本不足（${n}，至少 ${min}）` : v);

/** The same figures as CSV, one section after another, for the monthly report. */
export function figuresCsv(f: Figures): string {
  const lines = [
    row('诉求分析', `${chinaDate(f.from)} 至 ${chinaDate(f.to - 1)}`),
    row('诉求总数', f.total),
    '',
    row('类别', '数量'),
    ...f.byCategory.map((c) => row(REQUEST_CATEGORY_LABELS[c.category], c.count)),
    '',
    row('楼栋', '数量'),
    ...f.byBuilding.map((b) => row(b.building, b.count)),
    '',
    row('指标', '数值', '样本数'),
    row('按时办结率（%）', shown(f.withinTarget.percent, f.withinTarget.of, f.minSample), f.withinTarget.of),
    row('受理用时中位数（分钟）', shown(f.timeToAccept.medianMin, f.timeToAccept.n, f.minSample), f.timeToAccept.n),
    row('受理用时平均数（分钟）', shown(f.timeToAccept.averageMin, f.timeToAccept.n, f.minSample), f.timeToAccept.n),
    row('办结用时中位数（分钟）', shown(f.timeToResolve.medianMin, f.timeToResolve.n, f.minSample), f.timeToResolve.n),
    row('办结用时平均数（分钟）', shown(f.timeToResolve.averageMin, f.timeToResolve.n, f.minSample), f.timeToResolve.n),
    row('重开率（%）', shown(f.reopened.percent, f.reopened.of, f.minSample), f.reopened.of),
    row('满意度·响应速度（1–5）', shown(f.satisfaction.speed, f.satisfaction.n, f.minSample), f.satisfaction.n),
    row('满意度·处理结果（1–5）', shown(f.satisfaction.result, f.satisfaction.n, f.minSample), f.satisfaction.n),
    row('满意度·服务态度（1–5）', shown(f.satisfaction.attitude, f.satisfaction.n, f.minSample), f.satisfaction.n),
    '',
    row('最慢的未办结诉求', '类型', '类别', '位置', '状态', '已等待（分钟）', '是否超时'),
    ...f.slowestOpen.map((s) => row(s.id, REQUEST_TYPE_LABELS[s.type], REQUEST_CATEGORY_LABELS[s.category], s.placeLabel, REQUEST_STATUS_LABELS[s.status], s.ageMin, s.overdue ? '超时' : '')),
  ];
  // A byte-order mark so that Excel opens the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
