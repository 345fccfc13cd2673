/**
 * Events → notifications, end to end: the in-app inbox, subscribe messages only with a grant and
 * once per grant, a failing sender that never fails the action and is retried by the timer,
 * and timer runs (concurrent and repeated) that tell nobody twice.
 */
import { OUTBOX } from '../../localcloud/server';
import { homeId } from '../../src/core/estate/homes';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, ESTATE_B, makePendingBinding, makePerson, makeResidentIn } from '../helpers/fixtures';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (fn: string, action: string, payload: object, openid: string) => cloud.call(fn, { action, ...payload }, openid);
const inboxOf = async (userId: string) => (await cloud.store.find<any>('inbox', { where: { userId }, limit: 100 })).items;
const outboxTo = (openid: string): any[] => cloud.db.find(OUTBOX, {}, { limit: 1000 }).filter((m: any) => m.request?.touser === openid);
const publishTo = async (buildings: string[], title: string) => {
  const draft = await call('notice', 'create', { title, body: [{ type: 'paragraph', text: '内容' }], category: 'property', buildings }, 'demo-property');
  expect((await call('notice', 'publish', { noticeId: draft.data.id }, 'demo-property')).ok).toBe(true);
  return draft.data.id as string;
};

describe('who is told', () => {
  it('tells the applicant when a binding is approved, once', async () => {
    const applicant = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
    const id = await makePendingBinding(cloud.store, ESTATE_A, applicant.userId);
    await call('binding', 'approve', { bindingId: id }, 'demo-branch');
    const items = await inboxOf(applicant.userId);
    expect(items.map((i) => [i.kind, i.title])).toEqual([['binding.approved', '房屋认证已通过']]);
    const list = await call('inbox', 'list', {}, applicant.openid);
    expect(list.data).toMatchObject({ unread: 1, items: [{ title: '房屋认证已通过', read: false, link: '/pages/me/index' }] });
  });

  it('tells the reviewers of the estate about a new application, and nobody else', async () => {
    const outsiderStaff = await makePerson(cloud.store, ['branch'], ESTATE_B, ESTATE_B);
    const resident = await makeResidentIn(cloud.store, '2');
    await call('auth', 'switchEstate', { estateId: ESTATE_A }, 'demo-visitor');
    const applied = await call('binding', 'apply', { homeId: homeId(ESTATE_A, '2', '1', '101'), relation: 'tenant', realName: '周先生', phone: '13512345678' }, 'demo-visitor');
    expect(applied.ok).toBe(true);
    for (const reviewer of ['user-branch', 'user-property', 'user-community']) expect((await inboxOf(reviewer)).map((i) => i.kind)).toContain('binding.requested');
    expect((await inboxOf(outsiderStaff.userId)).map((i) => i.kind)).not.toContain('binding.requested');
    expect((await inboxOf(resident.userId)).map((i) => i.kind)).not.toContain('binding.requested');
  });

  it('tells the residents of the notice’s buildings, not others and not the author', async () => {
    const in3 = await makeResidentIn(cloud.store, '3', '郑三');
    const in5 = await makeResidentIn(cloud.store, '5', '钱五');
    const id = await publishTo(['3'], '3栋停水');
    expect((await inboxOf(in3.userId)).filter((i) => i.kind === 'notice.published').map((i) => i.link)).toEqual([`/pages/notice-detail/index?id=${id}`]);
    expect((await inboxOf(in5.userId)).filter((i) => i.kind === 'notice.published')).toEqual([]);
    expect((await inboxOf('user-property')).filter((i) => i.kind === 'notice.published')).toEqual([]);
    // Opening the notice reads its notification too.
    await call('notice', 'get', { noticeId: id }, in3.openid);
    expect((await inboxOf(in3.userId)).filter((i) => i.kind === 'notice.published').map((i) => i.readAt !== null)).toEqual([true]);
  });
});

describe('subscribe messages', () => {
  it('are sent only with a grant, once per grant, and not when muted', async () => {
    const reader = await makeResidentIn(cloud.store, '7');
    await publishTo(['7'], '无授权');
    expect(outboxTo(reader.openid)).toHaveLength(0);

    expect((await call('inbox', 'grant', { templateKeys: ['noticePublished'] }, reader.openid)).data.grants).toEqual({ noticePublished: 1 });
    await publishTo(['7'], '有授权的第一条');
    await publishTo(['7'], '授权已用完');
    const sent = outboxTo(reader.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0].request).toMatchObject({ template_id: 'local-notice-published', data: { thing1: { value: '有授权的第一条' } } });
    expect((await call('inbox', 'prefs', {}, reader.openid)).data.grants).toEqual({ noticePublished: 0 });

    await call('inbox', 'grant', { templateKeys: ['noticePublished'] }, reader.openid);
    await call('inbox', 'setPrefs', { muted: ['notice.published'] }, reader.openid);
    await publishTo(['7'], '已关闭提醒');
    expect(outboxTo(reader.openid)).toHaveLength(1);
    // The inbox still has every one of them.
    expect((await inboxOf(reader.userId)).filter((i) => i.kind === 'notice.published')).toHaveLength(4);
  });

  it('keep WeChat’s field limits', async () => {
    const reader = await makeResidentIn(cloud.store, '8');
    await call('inbox', 'grant', { templateKeys: ['noticePublished'] }, reader.openid);
    await publishTo(['8'], '关于小区二期地下停车场改造工程施工期间车辆临时停放安排的通知');
    const [m] = outboxTo(reader.openid);
    expect(Array.from(m.request.data.thing1.value as string)).toHaveLength(20);
    expect(m.request.data.thing1.value).toMatch(/…$/);
  });

  it('never fail the action when sending fails, and are retried by the timer', async () => {
    const reader = await makeResidentIn(cloud.store, '9');
    await call('inbox', 'grant', { templateKeys: ['noticePublished'] }, reader.openid);
    cloud.failNextSends(1);
    await publishTo(['9'], '发送失败重试');
    const [failed] = (await cloud.store.find<any>('subscribeSends', { where: { userId: reader.userId }, limit: 10 })).items;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(outboxTo(reader.openid).map((m: any) => m.delivered)).toEqual([false]);

    await Promise.all([cloud.runTimer(), cloud.runTimer()]);
    await cloud.runTimer();
    expect(outboxTo(reader.openid).map((m: any) => m.delivered).sort()).toEqual([false, true]);
    expect(await cloud.store.get<any>('subscribeSends', failed._id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('the timer', () => {
  it('finishes an interrupted delivery exactly once, however many runs overlap', async () => {
    const reader = await makeResidentIn(cloud.store, '10');
    await call('inbox', 'grant', { templateKeys: ['noticePublished'] }, reader.openid);
    // An event recorded but never delivered (the function died after its write).
    await cloud.store.insert('events', {
      _id: 'event-interrupted', type: 'notice.published', estateId: ESTATE_A, at: Date.now() - 120_000, delivered: false, attempts: 0,
      payload: { noticeId: 'n-x', authorId: 'user-property', audience: ['10'], category: 'property', title: '补发通知' },
    });
    await Promise.all([cloud.runTimer(), cloud.runTimer(), cloud.runTimer()]);
    await cloud.runTimer();
    expect((await inboxOf(reader.userId)).filter((i) => i.eventId === 'event-interrupted')).toHaveLength(1);
    expect(outboxTo(reader.openid)).toHaveLength(1);
    expect(await cloud.store.get<any>('events', 'event-interrupted')).toMatchObject({ delivered: true });
    expect((await call('inbox', 'prefs', {}, reader.openid)).data.grants).toEqual({ noticePublished: 0 });
  });

  it('cannot be run from the mini-program', async () => {
    expect((await cloud.call('timer', {}, 'demo-community')).error.code).toBe('FORBIDDEN');
  });
});

describe('the inbox', () => {
  it('marks one’s own items read, never another’s', async () => {
    const a = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
    const b = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
    for (const n of [1, 2]) await cloud.store.insert('inbox', { _id: `item-${a.userId}-${n}`, userId: a.userId, estateId: ESTATE_A, eventId: `e${n}`, kind: 'x', title: 't', body: 'b', link: null, createdAt: n, readAt: null });
    expect((await call('inbox', 'markRead', { itemId: `item-${a.userId}-1` }, b.openid)).data).toEqual({ changed: false });
    expect((await call('inbox', 'unreadCount', {}, a.openid)).data).toEqual({ unread: 2 });
    expect((await call('inbox', 'markRead', { itemId: `item-${a.userId}-1` }, a.openid)).data).toEqual({ changed: true });
    expect((await call('inbox', 'markAllRead', {}, a.openid)).data).toEqual({ changed: 1 });
    expect((await call('inbox', 'unreadCount', {}, a.openid)).data).toEqual({ unread: 0 });
  });
});

describe('the local outbox page', () => {
  it('lists the subscribe messages sent, for a developer to read', async () => {
    const res = await fetch(`${cloud.url}/dev/outbox`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('订阅消息发件箱');
    expect(html).toContain('local-notice-published');
    const json = await (await fetch(`${cloud.url}/dev/outbox`)).json();
    expect(json.ok).toBe(true);
    expect(json.data.length).toBeGreaterThan(0);
  });
});
