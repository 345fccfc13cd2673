/**
 * Requests (诉求) through the `request` function — the closed loop, transfers, "me too", races —
 * and the service-level clock through the core with an injected clock (no sleeping): targets,
 * overdue, one escalation, and the auto-close.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { makePerson } from '../helpers/fixtures';
import { loadSession } from '../../src/core/auth/session';
import type { CoreDeps } from '../../src/core/shared/deps';
import type { ContentCheck } from '../../src/core/shared/ports';
import { acceptRequest, resolveRequest, runRequestClock, submitRequest } from '../../src/core/request/usecases';
import type { ServiceRequest } from '../../src/core/request/types';
import { recipientsOf } from '../../src/core/inbox/recipients';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('request', { action, ...payload }, openid);
const ok = (reply: { ok: boolean; error?: { code: string; message: string } }) => {
  if (!reply.ok) throw new Error(`${reply.error!.code}: ${reply.error!.message}`);
  return (reply as unknown as { data: any }).data;
};
const ELEVATOR = { type: 'repair', category: 'elevator', urgency: 'urgent', description: '3栋1单元电梯停在5楼不动了', location: { kind: 'building', building: '3' } };

describe('the closed loop', () => {
  it('runs submit → accept (assigned) → note → resolve → confirm with a rating, the resident alone closing it', async () => {
    const r = ok(await call('submit', ELEVATOR, 'demo-resident'));
    expect(r).toMatchObject({ status: 'submitted', placeLabel: '3栋', urgency: 'urgent' });
    expect(r.acceptBy - r.submittedAt).toBe(120 * 60_000);
    expect(r.resolveBy - r.submittedAt).toBe(480 * 60_000);
    const staff = ok(await call('staff', {}, 'demo-property'));
    expect(staff.map((s: { name: string }) => s.name)).toContain('刘经理');
    const other = await makePerson(cloud.store, ['property']);
    ok(await call('accept', { requestId: r.id, handlerId: other.userId }, 'demo-property'));
    ok(await call('note', { requestId: r.id, note: '已通知电梯维保公司，30分钟内到场' }, other.openid));
    // Staff cannot close it for the resident.
    expect((await call('confirm', { requestId: r.id, rating: { speed: 5, result: 5, attitude: 5 } }, 'demo-property')).error.code).toBe('FORBIDDEN');
    const resolved = ok(await call('resolve', { requestId: r.id, note: '更换了门机控制板，已恢复运行', before: [], after: [] }, other.openid));
    expect(resolved.status).toBe('resolved');
    const closed = ok(await call('confirm', { requestId: r.id, rating: { speed: 4, result: 5, attitude: 5 }, comment: '修得很快' }, 'demo-resident'));
    expect(closed).toMatchObject({ status: 'closed', rating: { speed: 4, result: 5, attitude: 5 } });
    const { steps } = ok(await call('get', { requestId: r.id }, 'demo-resident'));
    expect(steps.map((s: { kind: string }) => s.kind)).toEqual(['submit', 'accept', 'note', 'resolve', 'confirm']);
    // The resident was told at each step.
    const titles = ok(await cloud.call('inbox', { action: 'list' }, 'demo-resident')).items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['您的诉求已受理', '您的诉求已处理，请确认并评价']));
    // The dashboard counts it.
    const day = 86_400_000;
    const f = ok(await call('dashboard', { from: Date.now() - day, to: Date.now() + day }, 'demo-committee'));
    expect(f.byCategory.find((c: { category: string }) => c.category === 'elevator').count).toBeGreaterThanOrEqual(1);
    expect(f.satisfaction.n).toBeGreaterThanOrEqual(1);
    const csv = ok(await call('export', { from: Date.now() - day, to: Date.now() + day }, 'demo-community'));
    expect(csv.filename).toMatch(/^诉求分析-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    expect(csv.csv).toContain('电梯,');
  });

  it('reopens with a reason back to the handler, and transfers outside the remit to the community', async () => {
    const r = ok(await call('submit', { ...ELEVATOR, type: 'complaint', category: 'noise', urgency: 'normal', description: '楼下广场舞音乐太吵，晚上十点后还在放', location: { kind: 'common', place: '中心广场' } }, 'demo-resident'));
    ok(await call('accept', { requestId: r.id }, 'demo-property'));
    ok(await call('resolve', { requestId: r.id, note: '已与广场舞队协商，九点半结束' }, 'demo-property'));
    expect(ok(await call('reopen', { requestId: r.id, reason: '昨晚还是放到十点半' }, 'demo-resident')).status).toBe('reopened');
    const transferred = ok(await call('transfer', { requestId: r.id, reason: '噪音执法属于街道综合执法' }, 'demo-property'));
    expect(transferred.status).toBe('transferred');
    expect((await call('accept', { requestId: r.id }, 'demo-property')).error.code).toBe('CONFLICT');
    const queue = ok(await call('queue', { scope: 'transferred' }, 'demo-community'));
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    ok(await call('accept', { requestId: r.id }, 'demo-community'));
    ok(await call('resolve', { requestId: r.id, note: '街道执法队已约谈，承诺九点半前结束' }, 'demo-community'));
    expect(ok(await call('confirm', { requestId: r.id, rating: { speed: 3, result: 4, attitude: 4 } }, 'demo-resident')).status).toBe('closed');
  });

  it('shows open requests of the same category and place before submitting, and takes a "me too"', async () => {
    const r = ok(await call('submit', { ...ELEVATOR, location: { kind: 'building', building: '2' }, description: '2栋电梯按钮失灵' }, 'demo-resident'));
    const similar = ok(await call('similar', { category: 'elevator', location: { kind: 'building', building: '2栋' } }, 'demo-owner'));
    expect(similar.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(similar.find((x: { id: string }) => x.id === r.id).author.phone).toBeNull();
    expect(ok(await call('support', { requestId: r.id }, 'demo-owner')).supported).toBe(true);
    ok(await call('support', { requestId: r.id }, 'demo-owner'));
    expect(ok(await call('get', { requestId: r.id }, 'demo-property')).request.supporters).toBe(1);
    // Who said "me too" follows it, the author masked; another resident cannot read it at all.
    const followed = ok(await call('get', { requestId: r.id }, 'demo-owner'));
    expect(followed.request.author).toEqual({ name: '王*', phone: null });
    expect(followed.steps[0].byName).toBe('王*');
    const stranger = await makePerson(cloud.store, ['resident']);
    expect((await call('get', { requestId: r.id }, stranger.openid)).error.code).toBe('NOT_FOUND');
  });

  it('lets one of two staff taking the same request at once have it', async () => {
    const r = ok(await call('submit', ELEVATOR, 'demo-resident'));
    const other = await makePerson(cloud.store, ['property']);
    const replies = await Promise.all([call('accept', { requestId: r.id }, 'demo-property'), call('accept', { requestId: r.id }, other.openid)]);
    expect(replies.filter((x) => x.ok)).toHaveLength(1);
    expect(replies.find((x) => !x.ok).error.code).toBe('CONFLICT');
    expect(await cloud.store.count('requestSteps', { requestId: r.id, kind: 'accept' })).toBe(1);
  });

  it('orders the staff queue by time left', async () => {
    const normal = ok(await call('submit', { ...ELEVATOR, urgency: 'normal', description: '电梯里灯不亮' }, 'demo-resident'));
    const urgent = ok(await call('submit', { ...ELEVATOR, description: '电梯困人' }, 'demo-resident'));
    const ids = ok(await call('queue', {}, 'demo-property')).items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(normal.id));
  });
});

describe('the clock (an injected clock)', () => {
  let now = 0;
  const allow: ContentCheck = { check: async () => 'pass' };
  const deps = (): CoreDeps & { contentCheck: ContentCheck } => ({ store: cloud.store, clock: { now: () => now }, ids: { newId: () => `rq-${now}-${Math.random().toString(36).slice(2, 8)}` }, contentCheck: allow });
  const session = (openid: string) => loadSession(cloud.store, { openid });
  const MIN = 60_000;

  it('marks an urgent repair overdue after 2 h unaccepted and escalates it to the community once', async () => {
    now = Date.UTC(2027, 0, 4, 2, 0); // in the future of every other request here
    const t0 = now;
    const r = (await submitRequest(deps(), await session('demo-resident'), { type: 'repair', category: 'elevator', urgency: 'urgent', description: '电梯困人，请马上来', location: { kind: 'building', building: '1' } })).data;
    now = t0 + 119 * MIN;
    await runRequestClock(deps());
    expect((await cloud.store.get<ServiceRequest>('requests', r.id))!.overdue).toBe(false);
    now = t0 + 121 * MIN;
    const first = await runRequestClock(deps());
    expect(first.events.filter((e) => e.type === 'request.escalated' && e.payload.requestId === r.id)).toHaveLength(1);
    const again = await runRequestClock(deps());
    expect(again.events.filter((e) => e.payload.requestId === r.id)).toHaveLength(0);
    // Accepted late, then past the 8 h resolve target too: still escalated only once.
    now = t0 + 130 * MIN;
    await acceptRequest(deps(), await session('demo-property'), { requestId: r.id });
    now = t0 + 9 * 60 * MIN;
    const later = await runRequestClock(deps());
    expect(later.events.filter((e) => e.payload.requestId === r.id)).toHaveLength(0);
    expect(await cloud.store.count('requestSteps', { requestId: r.id, kind: 'escalate' })).toBe(1);
    const stored = (await cloud.store.get<ServiceRequest>('requests', r.id))!;
    expect(stored).toMatchObject({ overdue: true, escalatedAt: t0 + 121 * MIN });
    // The escalation is for the community (街道吹哨): the dispatcher's rule names them.
    const told = await recipientsOf(cloud.store, first.events.find((e) => e.payload.requestId === r.id)!);
    expect(told.map((m) => m.userId)).toEqual(['user-community']);
    expect(told[0]).toMatchObject({ title: '诉求超时未办，已上报社区', link: `/pages/request-detail/index?id=${r.id}` });
  });

  it('uses the estate’s own targets once configured, for requests submitted after', async () => {
    const targets = { repair: { urgent: { acceptMin: 30, resolveMin: 240 }, normal: { acceptMin: 720, resolveMin: 2880 } }, complaint: { urgent: { acceptMin: 240, resolveMin: 1440 }, normal: { acceptMin: 1440, resolveMin: 7200 } }, suggestion: { urgent: { acceptMin: 1440, resolveMin: 10080 }, normal: { acceptMin: 4320, resolveMin: 20160 } }, question: { urgent: { acceptMin: 240, resolveMin: 1440 }, normal: { acceptMin: 1440, resolveMin: 4320 } } };
    expect((await call('configure', { targets }, 'demo-property')).error.code).toBe('FORBIDDEN');
    ok(await call('configure', { targets, autoCloseDays: 3 }, 'demo-community'));
    now = Date.UTC(2027, 0, 5, 2, 0);
    const r = (await submitRequest(deps(), await session('demo-resident'), { type: 'repair', category: 'utilities', urgency: 'urgent', description: '家里停水了，水管爆了', location: { kind: 'home' } })).data;
    expect(r.acceptBy - r.submittedAt).toBe(30 * MIN);
    expect(r.placeLabel).toBe('3栋1单元201');
    // Resolved and not answered: closed by the timeout after 3 days, not a minute before.
    await acceptRequest(deps(), await session('demo-property'), { requestId: r.id });
    const resolvedAt = now;
    await resolveRequest(deps(), await session('demo-property'), { requestId: r.id, note: '已更换爆裂的水管' });
    now = resolvedAt + 3 * 86_400_000 - 1;
    await runRequestClock(deps());
    expect((await cloud.store.get<ServiceRequest>('requests', r.id))!.status).toBe('resolved');
    now = resolvedAt + 3 * 86_400_000;
    const run = await runRequestClock(deps());
    expect(run.events.some((e) => e.type === 'request.autoClosed' && e.payload.requestId === r.id)).toBe(true);
    expect((await cloud.store.get<ServiceRequest>('requests', r.id))!.status).toBe('closed');
    ok(await call('configure', { autoCloseDays: 7, targets: { ...targets, repair: { urgent: { acceptMin: 120, resolveMin: 480 }, normal: { acceptMin: 1440, resolveMin: 4320 } } } }, 'demo-community'));
  });
});
