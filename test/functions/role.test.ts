/** Staff roles: the community role grants and revokes them in its estate, every change recorded. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, ESTATE_B, makePerson } from '../helpers/fixtures';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('role', { action, ...payload }, openid);

it('grants, lists, revokes and records who did what', async () => {
  const person = await makePerson(cloud.store, ['resident']);
  const granted = await call('assign', { userId: person.userId, role: 'volunteer', partyMember: true }, 'demo-community');
  expect(granted.data).toMatchObject({ userId: person.userId, role: 'volunteer', partyMember: true });
  expect((await call('list', {}, 'demo-community')).data.map((s: any) => [s.userId, s.role])).toContainEqual([person.userId, 'volunteer']);
  expect((await call('revoke', { userId: person.userId, role: 'volunteer' }, 'demo-community')).data).toEqual({ revoked: true });
  expect((await call('revoke', { userId: person.userId, role: 'volunteer' }, 'demo-community')).data).toEqual({ revoked: false });
  const history = (await call('history', {}, 'demo-community')).data.items.filter((c: any) => c.userName === granted.data.name);
  expect(history.map((c: any) => [c.change, c.role, c.byName])).toEqual([
    ['revoke', 'volunteer', '孙干事'],
    ['grant', 'volunteer', '孙干事'],
  ]);
});

it('lets nobody give themselves a role, or take away their own', async () => {
  const reply = await call('assign', { userId: 'user-community', role: 'branch' }, 'demo-community');
  expect(reply.error.code).toBe('FORBIDDEN');
  expect(await cloud.store.get('roles', `${ESTATE_A}.user-community.branch`)).toBeNull();
  expect((await call('revoke', { userId: 'user-community', role: 'community' }, 'demo-community')).error.code).toBe('FORBIDDEN');
  expect(await cloud.store.get('roles', `${ESTATE_A}.user-community.community`)).not.toBeNull();
});

it('does not let a community worker of another estate act here', async () => {
  const outsider = await makePerson(cloud.store, ['community'], ESTATE_B, ESTATE_A);
  const target = await makePerson(cloud.store, []);
  expect((await call('assign', { userId: target.userId, role: 'property' }, outsider.openid)).error.code).toBe('FORBIDDEN');
  expect(await cloud.store.count('roles', { userId: target.userId })).toBe(0);
});

it('refuses resident and owner, which only an approved binding gives', async () => {
  const target = await makePerson(cloud.store, []);
  expect((await call('assign', { userId: target.userId, role: 'owner' }, 'demo-community')).error.code).toBe('INVALID_INPUT');
});

it('lists the estate’s verified people with their homes and roles, for the community only', async () => {
  const people = await call('people', {}, 'demo-community');
  expect(people.data.items).toEqual(expect.arrayContaining([{ userId: 'user-owner', realName: '李建国', home: '1栋2单元302', roles: expect.arrayContaining(['resident', 'owner']) }]));
  expect(people.data.items.every((p: { home: string }) => p.home !== '')).toBe(true);
  expect((await call('people', {}, 'demo-property')).error.code).toBe('FORBIDDEN');
});
