/** Binding to a home and its review, through the `binding` function. */
import { homeId } from '../../src/core/estate/homes';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, ESTATE_B, makePendingBinding, makePerson, seedOtherEstate } from '../helpers/fixtures';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  await seedOtherEstate(cloud.store);
});
afterAll(() => cloud.stop());

const HOME = homeId(ESTATE_A, '2', '1', '301');
const call = (fn: string, action: string, payload: object, openid: string) => cloud.call(fn, { action, ...payload }, openid);

it('takes a visitor from applying to verified resident and owner', async () => {
  await call('auth', 'login', {}, 'wx-newcomer');
  // No estate chosen yet: applying is refused until one is.
  expect((await call('binding', 'apply', { homeId: HOME, relation: 'owner', realName: '周新', phone: '13512345678' }, 'wx-newcomer')).error.code).toBe('FORBIDDEN');
  expect((await call('auth', 'switchEstate', { estateId: ESTATE_A }, 'wx-newcomer')).ok).toBe(true);
  const applied = await call('binding', 'apply', { homeId: HOME, relation: 'owner', realName: '周新', phone: '13512345678' }, 'wx-newcomer');
  expect(applied).toMatchObject({ ok: true, data: { status: 'pending', homeLabel: '2栋1单元301', realName: '周新', phone: '13512345678' } });
  // Applying twice for the same home is a conflict.
  expect((await call('binding', 'apply', { homeId: HOME, relation: 'owner', realName: '周新', phone: '13512345678' }, 'wx-newcomer')).error.code).toBe('CONFLICT');

  // Still a visitor: no roles.
  expect((await call('auth', 'login', {}, 'wx-newcomer')).data.roles).toEqual([]);
  const pending = await call('binding', 'pending', {}, 'demo-branch');
  expect(pending.data.items.map((b: any) => b.id)).toContain(applied.data.id);

  const approved = await call('binding', 'approve', { bindingId: applied.data.id }, 'demo-branch');
  expect(approved).toMatchObject({ ok: true, data: { status: 'approved' } });
  const me = await call('auth', 'login', {}, 'wx-newcomer');
  expect(me.data.roles).toEqual(expect.arrayContaining([{ estateId: ESTATE_A, role: 'resident' }, { estateId: ESTATE_A, role: 'owner' }]));
  expect((await call('binding', 'mine', {}, 'wx-newcomer')).data[0]).toMatchObject({ status: 'approved', estateName: '幸福里小区' });
  // The grants are on record: who, when, what.
  const changes = await cloud.store.find<any>('roleChanges', { where: { userId: me.data.user.id }, limit: 10 });
  expect(changes.items.map((c) => [c.role, c.change, c.by])).toEqual(expect.arrayContaining([['resident', 'grant', 'user-branch'], ['owner', 'grant', 'user-branch']]));
});

it('lets exactly one of two reviewers acting at once decide', async () => {
  const id = await makePendingBinding(cloud.store);
  const [a, b] = await Promise.all([call('binding', 'approve', { bindingId: id }, 'demo-branch'), call('binding', 'reject', { bindingId: id, reason: '房号不符' }, 'demo-property')]);
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
  expect([a, b].find((r) => !r.ok).error.code).toBe('CONFLICT');
});

it('records the reason of a rejection and gives no role', async () => {
  const applicant = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
  const id = await makePendingBinding(cloud.store, ESTATE_A, applicant.userId);
  expect((await call('binding', 'reject', { bindingId: id, reason: '' }, 'demo-branch')).error.code).toBe('INVALID_INPUT');
  const rejected = await call('binding', 'reject', { bindingId: id, reason: '请上传房产证明后重新申请' }, 'demo-branch');
  expect(rejected.data).toMatchObject({ status: 'rejected', reason: '请上传房产证明后重新申请' });
  expect(await cloud.store.count('roles', { userId: applicant.userId })).toBe(0);
  // A decided application cannot be decided again.
  expect((await call('binding', 'approve', { bindingId: id }, 'demo-branch')).error.code).toBe('CONFLICT');
});

it('lets only the applicant withdraw', async () => {
  const applicant = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
  const other = await makePerson(cloud.store, ['resident'], ESTATE_A, ESTATE_A);
  const id = await makePendingBinding(cloud.store, ESTATE_A, applicant.userId);
  expect((await call('binding', 'withdraw', { bindingId: id }, other.openid)).error.code).toBe('FORBIDDEN');
  expect((await call('binding', 'withdraw', { bindingId: id }, applicant.openid)).data.status).toBe('withdrawn');
});

it('never shows or changes another estate’s applications', async () => {
  const id = await makePendingBinding(cloud.store, ESTATE_B);
  const pending = await call('binding', 'pending', {}, 'demo-community');
  expect(pending.data.items.every((b: any) => b.estateId === ESTATE_A)).toBe(true);
  expect((await call('binding', 'approve', { bindingId: id }, 'demo-community')).error.code).toBe('NOT_FOUND');
  expect((await cloud.store.get<any>('bindings', id)).status).toBe('pending');
  // Staff of estate B, acting in B, can.
  const staffB = await makePerson(cloud.store, ['branch'], ESTATE_B, ESTATE_B);
  expect((await call('binding', 'approve', { bindingId: id }, staffB.openid)).data.status).toBe('approved');
});

it('cannot bind to a home of another estate', async () => {
  const reply = await call('binding', 'apply', { homeId: homeId(ESTATE_B, '9', '1', '102'), relation: 'tenant', realName: '吴越', phone: '13512340000' }, 'demo-resident');
  expect(reply.error.code).toBe('NOT_FOUND');
});

it('records one application when the same person applies for the same home many times at once', async () => {
  const person = await makePerson(cloud.store, [], ESTATE_A, ESTATE_A);
  const home = homeId(ESTATE_A, '3', '2', '602');
  const replies = await Promise.all(
    Array.from({ length: 4 }, () => call('binding', 'apply', { homeId: home, relation: 'owner', realName: '吴双', phone: '13512340001' }, person.openid)),
  );
  expect(replies.filter((r) => r.ok)).toHaveLength(1);
  expect(replies.filter((r) => !r.ok).map((r) => r.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
  expect(await cloud.store.count('bindings', { userId: person.userId, homeId: home })).toBe(1);
  // After a withdrawal the person may apply again.
  const [ok] = replies.filter((r) => r.ok);
  await call('binding', 'withdraw', { bindingId: ok.data.id }, person.openid);
  expect((await call('binding', 'apply', { homeId: home, relation: 'owner', realName: '吴双', phone: '13512340001' }, person.openid)).ok).toBe(true);
});
