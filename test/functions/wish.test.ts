/** Micro-wishes (微心愿) through the `wish` function: posting, the wall, the whole loop, races, expiry. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, makePerson, makeResidentIn } from '../helpers/fixtures';
import { POINTS_COLLECTIONS, accountId, type LedgerEntry, type PointsAccount } from '../../src/core/points/types';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('wish', { action, ...payload }, openid);
const points = (action: string, payload: object, openid: string) => cloud.call('points', { action, ...payload }, openid);

const volunteer = () => makePerson(cloud.store, ['volunteer']);
const resident = (name = '郑桂英') => makeResidentIn(cloud.store, '3', name);

async function post(openid: string, fields: Record<string, unknown> = {}) {
  const reply = await call('post', { title: '帮忙取一下快递', description: '腿脚不便，快递在小区门口驿站', category: 'elderly', ...fields }, openid);
  expect(reply).toMatchObject({ ok: true });
  return reply.data as { id: string; status: string };
}

async function ledgerOf(userId: string) {
  const entries = (await cloud.store.find<LedgerEntry>(POINTS_COLLECTIONS.ledger, { where: { userId }, limit: 100 })).items;
  const account = await cloud.store.get<PointsAccount>(POINTS_COLLECTIONS.accounts, accountId(ESTATE_A, userId));
  return { entries, balance: account?.balance ?? 0, sum: entries.reduce((s, e) => s + e.amount, 0) };
}

describe('posting', () => {
  it('puts a wish on the wall with its author masked, and phone and ID numbers masked in the text', async () => {
    const author = await resident('郑桂英');
    const w = await post(author.openid, { description: '请打我电话13912345678，身份证330102195001011234' });
    expect(w.status).toBe('open');
    const wall = (await call('list', {}, 'demo-volunteer')).data.items;
    const listed = wall.find((x: { id: string }) => x.id === w.id);
    expect(listed.author).toEqual({ name: '郑*', building: '3栋' });
    expect(listed.description).toBe('请打我电话139****5678，身份证330102********1234');
    expect(listed.contactDetails).toBeNull();
    // Stored masked: the clear number is nowhere.
    expect(JSON.stringify(await cloud.store.get('wishes', w.id))).not.toContain('13912345678');
    // The author sees their own contact details.
    expect((await call('get', { wishId: w.id }, author.openid)).data.wish.contactDetails).toMatchObject({ name: '郑桂英', home: '3栋1单元101' });
  });

  it('refuses a risky text with CONTENT_REJECTED and writes nothing', async () => {
    const author = await resident();
    const before = await cloud.store.count('wishes', {});
    const reply = await call('post', { title: '一起来赌博', description: '周末一起', category: 'other' }, author.openid);
    expect(reply.error.code).toBe('CONTENT_REJECTED');
    expect(await cloud.store.count('wishes', {})).toBe(before);
  });

  it('keeps a text needing review as pending, off the wall, until staff approve it', async () => {
    const author = await resident();
    const w = await post(author.openid, { title: '请人帮忙转账', description: '不会用手机银行' });
    expect(w.status).toBe('pending');
    expect((await call('list', {}, 'demo-volunteer')).data.items.map((x: { id: string }) => x.id)).not.toContain(w.id);
    expect((await call('get', { wishId: w.id }, 'demo-volunteer')).error.code).toBe('NOT_FOUND');
    expect((await call('pending', {}, 'demo-branch')).data.items.map((x: { id: string }) => x.id)).toContain(w.id);
    expect((await call('approve', { wishId: w.id }, 'demo-volunteer')).ok).toBe(false);
    expect((await call('approve', { wishId: w.id }, 'demo-branch')).data.status).toBe('open');
    expect((await call('list', {}, 'demo-volunteer')).data.items.map((x: { id: string }) => x.id)).toContain(w.id);
  });

  it('rejects a pending wish with a reason, telling the author', async () => {
    const author = await resident();
    const w = await post(author.openid, { title: '帮忙刷单', description: '有报酬' });
    expect((await call('reject', { wishId: w.id, reason: '不属于微心愿的范围' }, 'demo-community')).data.status).toBe('rejected');
    const inbox = (await cloud.call('inbox', { action: 'list' }, author.openid)).data.items;
    expect(inbox.some((i: { title: string; body: string }) => i.title === '心愿未通过审核' && i.body === '不属于微心愿的范围')).toBe(true);
  });

  it('refuses a deadline in the past and a visitor without a verified home', async () => {
    const author = await resident();
    expect((await call('post', { title: '帮忙', description: '帮忙一下', category: 'other', deadline: Date.now() - 1000 }, author.openid)).error.code).toBe('INVALID_INPUT');
    const visitor = await makePerson(cloud.store, []);
    expect((await call('post', { title: '帮忙', description: '帮忙一下', category: 'other' }, visitor.openid)).error.code).toBe('FORBIDDEN');
  });

  it('filters the wall by category and status and pages it with a cursor', async () => {
    const author = await resident();
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push((await post(author.openid, { title: `花坛除草 ${i}`, category: 'environment' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: { items: Array<{ id: string; category: string; status: string }>; nextCursor: string | null } } = await call('list', { category: 'environment', cursor }, 'demo-volunteer');
      expect(page.data.items.length).toBeLessThanOrEqual(20);
      for (const x of page.data.items) expect([x.category, x.status]).toEqual(['environment', 'open']);
      seen.push(...page.data.items.map((x) => x.id));
      cursor = page.data.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    // Newest first.
    expect(seen.indexOf(ids[22])).toBeLessThan(seen.indexOf(ids[0]));
  });
});

describe('the loop', () => {
  it('runs claim → fulfil → confirm, credits the claimer once, and records every step', async () => {
    const author = await resident('孙玉兰');
    const helper = await volunteer();
    const w = await post(author.openid);
    expect((await call('get', { wishId: w.id }, helper.openid)).data.wish.actions).toEqual(['claim']);
    expect((await call('claim', { wishId: w.id }, helper.openid)).data).toMatchObject({ status: 'claimed', mine: { claimer: true } });
    // The claimer now sees the contact details the author allowed them (default: the claimer).
    const seen = (await call('get', { wishId: w.id }, helper.openid)).data.wish;
    expect(seen.contactDetails).toMatchObject({ name: '孙玉兰', phone: '13700009999' });
    expect(seen.actions.sort()).toEqual(['fulfil', 'release']);
    // Another volunteer sees neither the details nor the claimer's full name.
    const other = (await call('get', { wishId: w.id }, 'demo-volunteer')).data.wish;
    expect(other.contactDetails).toBeNull();
    expect(other.actions).toEqual([]);
    expect((await call('confirm', { wishId: w.id }, author.openid)).error.code).toBe('CONFLICT');
    expect((await call('fulfil', { wishId: w.id, note: '已送到家门口' }, helper.openid)).data.status).toBe('fulfilled');
    expect((await call('get', { wishId: w.id }, author.openid)).data.wish.actions.sort()).toEqual(['confirm', 'dispute']);
    expect((await call('confirm', { wishId: w.id }, author.openid)).data.status).toBe('confirmed');

    const ledger = await ledgerOf(helper.userId);
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({ amount: 10, kind: 'wish', ref: w.id, by: author.userId });
    expect(ledger.balance).toBe(10);
    expect((await points('mine', {}, helper.openid)).data).toMatchObject({ balance: 10, wishesFulfilled: 1 });

    const steps = (await call('get', { wishId: w.id }, author.openid)).data.steps;
    expect(steps.map((s: { from: string | null; to: string; action: string }) => [s.from, s.action, s.to])).toEqual([
      [null, 'post', 'open'],
      ['open', 'claim', 'claimed'],
      ['claimed', 'fulfil', 'fulfilled'],
      ['fulfilled', 'confirm', 'confirmed'],
    ]);
    expect(steps.every((s: { at: number; byName: string }) => s.at > 0 && s.byName)).toBe(true);
    // Each side was told.
    const toHelper = (await cloud.call('inbox', { action: 'list' }, helper.openid)).data.items;
    expect(toHelper.some((i: { title: string }) => i.title === '居民已确认，积分已到账')).toBe(true);
    const toAuthor = (await cloud.call('inbox', { action: 'list' }, author.openid)).data.items.map((i: { title: string }) => i.title);
    expect(toAuthor).toEqual(expect.arrayContaining(['您的心愿有人认领了', '心愿已完成，请确认']));
  });

  it('sends a disputed wish back to its claimer with the reason', async () => {
    const author = await resident();
    const helper = await volunteer();
    const w = await post(author.openid);
    await call('claim', { wishId: w.id }, helper.openid);
    await call('fulfil', { wishId: w.id, note: '弄好了' }, helper.openid);
    expect((await call('dispute', { wishId: w.id, reason: '灯还是不亮' }, helper.openid)).error.code).toBe('FORBIDDEN');
    const disputed = await call('dispute', { wishId: w.id, reason: '灯还是不亮' }, author.openid);
    expect(disputed.data).toMatchObject({ status: 'claimed', claimer: { name: expect.any(String) } });
    const steps = (await call('get', { wishId: w.id }, author.openid)).data.steps;
    expect(steps.at(-1)).toMatchObject({ from: 'fulfilled', to: 'claimed', action: 'dispute', reason: '灯还是不亮' });
    expect((await ledgerOf(helper.userId)).entries).toHaveLength(0);
  });

  it('lets the claimer release a wish back to the wall, and the author cancel before fulfilment', async () => {
    const author = await resident();
    const helper = await volunteer();
    const w = await post(author.openid);
    await call('claim', { wishId: w.id }, helper.openid);
    expect((await call('release', { wishId: w.id }, 'demo-volunteer')).error.code).toBe('FORBIDDEN');
    expect((await call('release', { wishId: w.id, reason: '临时出差' }, helper.openid)).data).toMatchObject({ status: 'open', claimer: null });
    expect((await call('claims', {}, helper.openid)).data.items.map((x: { id: string }) => x.id)).not.toContain(w.id);
    await call('claim', { wishId: w.id }, 'demo-volunteer');
    expect((await call('cancel', { wishId: w.id }, 'demo-volunteer')).error.code).toBe('FORBIDDEN');
    expect((await call('cancel', { wishId: w.id, reason: '家人已经帮我办了' }, author.openid)).data.status).toBe('cancelled');
    expect((await call('claim', { wishId: w.id }, helper.openid)).error.code).toBe('CONFLICT');
    // After fulfilment the author can no longer cancel.
    const w2 = await post(author.openid);
    await call('claim', { wishId: w2.id }, helper.openid);
    await call('fulfil', { wishId: w2.id, note: '好了' }, helper.openid);
    expect((await call('cancel', { wishId: w2.id }, author.openid)).error.code).toBe('CONFLICT');
  });

  it('never lets an author claim their own wish, nor a resident who is not a volunteer', async () => {
    const both = await makeResidentIn(cloud.store, '2', '钱多多', ['volunteer']);
    const w = await post(both.openid);
    expect((await call('claim', { wishId: w.id }, both.openid)).error.code).toBe('FORBIDDEN');
    expect((await call('claim', { wishId: w.id }, 'demo-owner')).error.code).toBe('FORBIDDEN');
  });
});

describe('races', () => {
  it('gives exactly one of 50 simultaneous claims the wish; the others get CONFLICT', async () => {
    const author = await resident();
    const w = await post(author.openid);
    const helpers = await Promise.all(Array.from({ length: 50 }, () => volunteer()));
    const replies = await Promise.all(helpers.map((h) => call('claim', { wishId: w.id }, h.openid)));
    const won = replies.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => r.error.code)).toEqual(Array(49).fill('CONFLICT'));
    const stored = await cloud.store.get<{ _id: string; claimerId: string }>('wishes', w.id);
    const winner = helpers[replies.findIndex((r) => r.ok)];
    expect(stored!.claimerId).toBe(winner.userId);
    expect(await cloud.store.count('wishTransitions', { wishId: w.id, action: 'claim' })).toBe(1);
  });

  it('credits the points once however often confirm is sent (20 at once, then again)', async () => {
    const author = await resident();
    const helper = await volunteer();
    const w = await post(author.openid);
    await call('claim', { wishId: w.id }, helper.openid);
    await call('fulfil', { wishId: w.id, note: '已完成' }, helper.openid);
    const replies = await Promise.all(Array.from({ length: 20 }, () => call('confirm', { wishId: w.id }, author.openid)));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).every((r) => r.error.code === 'CONFLICT')).toBe(true);
    expect((await call('confirm', { wishId: w.id }, author.openid)).error.code).toBe('CONFLICT');
    const ledger = await ledgerOf(helper.userId);
    expect(ledger.entries).toHaveLength(1);
    expect([ledger.balance, ledger.sum]).toEqual([10, 10]);
    expect((await cloud.store.get<PointsAccount>(POINTS_COLLECTIONS.accounts, accountId(ESTATE_A, helper.userId)))!.wishesFulfilled).toBe(1);
  });
});

describe('expiry', () => {
  it('expires open wishes past their deadline on the timer, once, and tells the author', async () => {
    const author = await resident();
    const soon = Date.now() + 60_000;
    const open = await post(author.openid, { deadline: soon });
    const claimed = await post(author.openid, { deadline: soon });
    await call('claim', { wishId: claimed.id }, 'demo-volunteer');
    // Time passes: move both deadlines into the past.
    for (const id of [open.id, claimed.id]) await cloud.store.update('wishes', id, { set: { deadline: Date.now() - 1 } });
    await cloud.runTimer();
    await cloud.runTimer();
    expect((await call('get', { wishId: open.id }, author.openid)).data.wish.status).toBe('expired');
    // A claimed wish is being worked on: it does not expire.
    expect((await call('get', { wishId: claimed.id }, author.openid)).data.wish.status).toBe('claimed');
    expect(await cloud.store.count('wishTransitions', { wishId: open.id, action: 'expire' })).toBe(1);
    const inbox = (await cloud.call('inbox', { action: 'list' }, author.openid)).data.items.filter((i: { title: string }) => i.title === '心愿已过截止时间');
    expect(inbox).toHaveLength(1);
  });
});

describe('photos', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');
  const upload = (body: Buffer, folder = 'wishes', openid: string | null = 'demo-resident') =>
    fetch(`${cloud.url}/storage/upload?folder=${folder}`, { method: 'POST', headers: openid ? { 'x-dev-openid': openid } : {}, body: new Uint8Array(body) }).then((r) => r.json());

  it('stores an uploaded photo, attaches it to a wish by file ID and serves it back', async () => {
    const up = await upload(PNG);
    expect(up.data.fileId).toMatch(/^cloud:\/\/local\/wishes\/[a-z0-9-]+\.png$/);
    const author = await resident();
    const w = await post(author.openid, { photos: [up.data.fileId] });
    expect((await call('get', { wishId: w.id }, 'demo-volunteer')).data.wish.photos).toEqual([up.data.fileId]);
    const served = await fetch(`${cloud.url}/storage/${up.data.fileId.slice('cloud://local/'.length)}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses what is not a photo, an unknown folder, an anonymous upload, and a malformed file ID', async () => {
    expect((await upload(Buffer.from('<script>alert(1)</script>'))).error.code).toBe('INVALID_INPUT');
    expect((await upload(PNG, '../etc')).error.code).toBe('INVALID_INPUT');
    expect((await upload(PNG, 'wishes', null)).error.code).toBe('UNAUTHENTICATED');
    const author = await resident();
    for (const bad of ['http://evil.example/x.png', 'cloud://local/../../etc/passwd', 'cloud://local/wishes/a b.png'])
      expect((await call('post', { title: '帮忙', description: '帮忙一下', category: 'other', photos: [bad] }, author.openid)).error.code).toBe('INVALID_INPUT');
    expect((await fetch(`${cloud.url}/storage/wishes/..%2F..%2Fdata.db`)).status).toBe(404);
  });
});
