/**
 * The `auth` function end to end: HTTP → local cloud → handler → use case → the real SDK →
 * the local cloud's database, exactly as a mini-program call runs in CloudBase.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { DEMO_ESTATE_ID } from '../../localcloud/seed';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const countAll = async () => ({
  users: await cloud.store.count('users'),
  identities: await cloud.store.count('identities'),
  roles: await cloud.store.count('roles'),
});

describe('auth.login', () => {
  it('creates the user on the first call and finds the same user afterwards', async () => {
    const first = await cloud.call('auth', { action: 'login' }, 'openid-new-1');
    expect(first.ok).toBe(true);
    expect(first.data.isNew).toBe(true);
    expect(first.data.roles).toEqual([]);
    expect(first.data.user.name).toMatch(/^微信用户/);
    const again = await cloud.call('auth', { action: 'login' }, 'openid-new-1');
    expect(again).toMatchObject({ ok: true, data: { isNew: false, user: { id: first.data.user.id } } });
    const other = await cloud.call('auth', { action: 'login' }, 'openid-new-2');
    expect(other.data.user.id).not.toBe(first.data.user.id);
  });

  it('returns a demo person with their name and roles in the demo estate', async () => {
    const res = await cloud.call('auth', { action: 'login' }, 'demo-committee');
    expect(res.ok).toBe(true);
    expect(res.data.user).toMatchObject({ name: '陈主任', currentEstateId: DEMO_ESTATE_ID });
    expect(res.data.roles).toEqual(
      expect.arrayContaining([
        { estateId: DEMO_ESTATE_ID, role: 'owner' },
        { estateId: DEMO_ESTATE_ID, role: 'committee', chair: true },
      ]),
    );
  });

  it('makes one user when the same new caller logs in many times at once', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, () => cloud.call('auth', { action: 'login' }, 'openid-racing')));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(new Set(replies.map((r) => r.data.user.id)).size).toBe(1);
    expect(replies.filter((r) => r.data.isNew)).toHaveLength(1);
    const identity = await cloud.store.get<{ _id: string; userId: string }>('identities', 'openid-racing');
    expect(identity?.userId).toBe(replies[0].data.user.id);
  });

  it('ignores the userInfo the platform adds to a mini-program call', async () => {
    const res = await cloud.call('auth', { action: 'login', userInfo: { appId: 'wx', openId: 'someone-else' } }, 'openid-new-1');
    expect(res.ok).toBe(true);
    expect(res.data.isNew).toBe(false);
  });
});

describe('auth: bad input answers the error contract and writes nothing', () => {
  const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
    ['no caller', () => cloud.callRaw('auth', JSON.stringify({ action: 'login' }), null), 'UNAUTHENTICATED'],
    ['missing action', () => cloud.callRaw('auth', JSON.stringify({}), 'openid-bad'), 'INVALID_INPUT'],
    ['action of the wrong type', () => cloud.callRaw('auth', JSON.stringify({ action: 42 }), 'openid-bad'), 'INVALID_INPUT'],
    ['unknown action', () => cloud.callRaw('auth', JSON.stringify({ action: 'dropDatabase' }), 'openid-bad'), 'INVALID_INPUT'],
    ['inherited property as action', () => cloud.callRaw('auth', JSON.stringify({ action: 'toString' }), 'openid-bad'), 'INVALID_INPUT'],
    ['unknown field', () => cloud.callRaw('auth', JSON.stringify({ action: 'login', role: 'community' }), 'openid-bad'), 'INVALID_INPUT'],
    ['oversized payload', () => cloud.callRaw('auth', JSON.stringify({ action: 'login', filler: 'x'.repeat(70_000) }), 'openid-bad'), 'INVALID_INPUT'],
    ['array body', () => cloud.callRaw('auth', JSON.stringify([{ action: 'login' }]), 'openid-bad'), 'INVALID_INPUT'],
    ['string body', () => cloud.callRaw('auth', JSON.stringify('login'), 'openid-bad'), 'INVALID_INPUT'],
    ['null body', () => cloud.callRaw('auth', 'null', 'openid-bad'), 'INVALID_INPUT'],
    ['not JSON', () => cloud.callRaw('auth', '{"action":', 'openid-bad'), 'INVALID_INPUT'],
  ];

  it.each(cases)('%s → %s', async (_name, send, code) => {
    const before = await countAll();
    const { body } = await send();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countAll()).toEqual(before);
    expect(await cloud.store.get('identities', 'openid-bad')).toBeNull();
  });

  it('keeps serving after all of that', async () => {
    const res = await cloud.call('auth', { action: 'login' }, 'demo-resident');
    expect(res).toMatchObject({ ok: true, data: { user: { name: '王阿姨' } } });
  });

  it('answers NOT_FOUND for a function that does not exist', async () => {
    const { status, body } = await cloud.callRaw('nosuchfunction', JSON.stringify({ action: 'login' }), 'demo-resident');
    expect(status).toBe(404);
    expect(body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
