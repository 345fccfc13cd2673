/**
 * 总结分析 against a hand count. The fixture's figures were worked out by hand below each case;
 * the minimum-sample rule withholds every median, average and share below it.
 */
import { computeFigures, figuresCsv, median, type FigureInput } from '../../src/core/request/figures';

const T0 = Date.UTC(2026, 9, 1); // 2026-10-01
const MIN = 60_000;
const DAYMS = 86_400_000;

const base = { type: 'repair' as const, placeLabel: '', overdue: false, reopenCount: 0, rating: null, acceptedAt: null, resolvedAt: null };
/** r(id, category, building, submitted +min, accepted +min, resolved +min, resolveBy +min, …) */
function r(id: string, category: FigureInput['category'], building: string | null, sub: number, acc: number | null, res: number | null, due: number, more: Partial<FigureInput> = {}): FigureInput {
  return { ...base, id, category, building, placeLabel: building ? `${building}栋` : '东门', status: res !== null ? 'closed' : acc !== null ? 'accepted' : 'submitted', submittedAt: T0 + sub * MIN, acceptedAt: acc === null ? null : T0 + (sub + acc) * MIN, resolvedAt: res === null ? null : T0 + (sub + res) * MIN, resolveBy: T0 + (sub + due) * MIN, ...more };
}

const DAY = 1440;
const FIXTURE: FigureInput[] = [
  r('r1', 'elevator', '3', 0, 10, 100, 480, { rating: { speed: 5, result: 5, attitude: 5 } }),
  r('r2', 'utilities', '3', 1 * DAY, 30, 600, 480, { rating: { speed: 3, result: 4, attitude: 5 } }), // resolved late
  r('r3', 'noise', '1', 2 * DAY, 60, 1000, 7200, { type: 'complaint', reopenCount: 1, rating: { speed: 2, result: 2, attitude: 3 } }),
  r('r4', 'elevator', '1', 3 * DAY, 20, 200, 480, { rating: { speed: 4, result: 4, attitude: 4 } }),
  r('r5', 'other', null, 4 * DAY, 5, 50, 4320, { type: 'question', rating: { speed: 5, result: 4, attitude: 5 } }),
  r('r6', 'access', '2', 5 * DAY, null, null, 480, { overdue: true }), // still waiting
  r('r7', 'parking', '2', 6 * DAY, null, null, 480, { status: 'withdrawn' }), // withdrawn: not counted
  r('r8', 'elevator', '3', 31 * DAY, 10, 100, 480), // outside the period
];
const NOW = T0 + 10 * DAYMS;
const PERIOD = { from: T0, to: T0 + 30 * DAYMS, now: NOW };

it('counts by category and by building, busiest first', () => {
  const f = computeFigures(FIXTURE, { ...PERIOD, minSample: 5 });
  expect(f.total).toBe(6);
  expect(f.byCategory).toEqual([
    { category: 'elevator', count: 2 },
    { category: 'access', count: 1 },
    { category: 'noise', count: 1 },
    { category: 'other', count: 1 },
    { category: 'utilities', count: 1 },
  ]);
  expect(f.byBuilding).toEqual([
    { building: '1栋', count: 2 },
    { building: '3栋', count: 2 },
    { building: '2栋', count: 1 },
    { building: '公共区域', count: 1 },
  ]);
});

it('matches the hand count at a minimum sample of 5', () => {
  const f = computeFigures(FIXTURE, { ...PERIOD, minSample: 5 });
  // Resolved: r1–r5; within target: all but r2 (600 > 480) → 4 of 5.
  expect(f.withinTarget).toEqual({ of: 5, count: 4, percent: 80 });
  // Accept: 10, 30, 60, 20, 5 min → median 20, mean 125 / 5 = 25.
  expect(f.timeToAccept).toEqual({ n: 5, medianMin: 20, averageMin: 25 });
  // Resolve: 100, 600, 1000, 200, 50 → median 200, mean 1950 / 5 = 390.
  expect(f.timeToResolve).toEqual({ n: 5, medianMin: 200, averageMin: 390 });
  // Reopened: r3 → 1 of 5.
  expect(f.reopened).toEqual({ of: 5, count: 1, percent: 20 });
  // Speed (5+3+2+4+5)/5 = 3.8; result (5+4+2+4+4)/5 = 3.8; attitude (5+5+3+4+5)/5 = 4.4;
  // overall: mean of each request's mean (5, 4, 7/3, 4, 14/3) = 20 / 5 = 4.
  expect(f.satisfaction).toEqual({ n: 5, speed: 3.8, result: 3.8, attitude: 4.4, overall: 4 });
  expect(f.slowestOpen).toEqual([{ id: 'r6', type: 'repair', category: 'access', placeLabel: '2栋', status: 'submitted', ageMin: 5 * DAY, overdue: true }]);
});

it('withholds every median, average and share below the minimum sample, and still says how many', () => {
  const f = computeFigures(FIXTURE, { ...PERIOD, minSample: 6 });
  expect(f.withinTarget).toEqual({ of: 5, count: 4, percent: null });
  expect(f.timeToAccept).toEqual({ n: 5, medianMin: null, averageMin: null });
  expect(f.timeToResolve).toEqual({ n: 5, medianMin: null, averageMin: null });
  expect(f.reopened.percent).toBeNull();
  expect(f.satisfaction).toEqual({ n: 5, speed: null, result: null, attitude: null, overall: null });
  // One quick fix is not a record.
  const one = computeFigures([FIXTURE[4]], { ...PERIOD, minSample: 5 });
  expect(one.timeToResolve).toEqual({ n: 1, medianMin: null, averageMin: null });
});

it('takes the mean of the middle two for an even sample', () => {
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNull();
});

it('writes the same figures as CSV, saying where the sample is too small', () => {
  const csv = figuresCsv(computeFigures(FIXTURE, { ...PERIOD, minSample: 5 }));
  expect(csv.startsWith('\uFEFF诉求分析,2026-10-01 至 2026-10-31')).toBe(true);
  expect(csv).toContain('电梯,2\r\n');
  expect(csv).toContain('按时办结率（%）,80,5\r\n');
  expect(csv).toContain('办结用时中位数（分钟）,200,5\r\n');
  const thin = figuresCsv(computeFigures(FIXTURE, { ...PERIOD, minSample: 6 }));
  expect(thin).toContain('受理用时中位数（分钟）,样本不足（5，至少 6）,5\r\n');
});
