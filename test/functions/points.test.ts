/** Points (志愿积分) and rewards (先锋银行) through the `points` function: the ledger and redemptions. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, makePerson, makeResidentIn } from '../helpers/fixtures';
import { POINTS_COLLECTIONS as C, accountId, type LedgerEntry, type PointsAccount } from '../../src/core/points/types';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('points', { action, ...payload }, openid);
const wish = (action: string, payload: object, openid: string) => cloud.call('wish', { action, ...payload }, openid);
const volunteer = () => makePerson(cloud.store, ['volunteer']);

async function credit(userId: string, amount: number, as = 'demo-branch') {
  const reply = await call('credit', { userId, amount, reason: '参加小区义务巡逻' }, as);
  expect(reply).toMatchObject({ ok: true });
  return reply.data as { id: string; balanceAfter: number };
}

async function reward(price: number, stock: number) {
  const reply = await call('saveReward', { name: `礼品${price}-${stock}`, description: '党群服务站领取', price, stock }, 'demo-branch');
  expect(reply).toMatchObject({ ok: true });
  return reply.data.id as string;
}

/** Every account of the estate: its balance equals the sum of its entries, and is never negative. */
async function expectLedgerBalances() {
  const accounts = (await cloud.store.find<PointsAccount>(C.accounts, { where: { estateId: ESTATE_A }, limit: 100 })).items;
  expect(accounts.length).toBeGreaterThan(0);
  for (const a of accounts) {
    const entries: LedgerEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: LedgerEntry[]; nextCursor: string | null } = await cloud.store.find<LedgerEntry>(C.ledger, { where: { estateId: ESTATE_A, userId: a.userId }, limit: 100, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect([a.userId, a.balance]).toEqual([a.userId, entries.reduce((s, e) => s + e.amount, 0)]);
    expect(a.balance).toBeGreaterThanOrEqual(0);
    expect(a.entries).toBe(entries.length);
  }
}

describe('the ledger', () => {
  it('records a staff credit with who made it and why, and shows it in the volunteer’s history', async () => {
    const v = await volunteer();
    await credit(v.userId, 15);
    const mine = (await call('mine', {}, v.openid)).data;
    expect(mine.balance).toBe(15);
    expect(mine.entries[0]).toMatchObject({ amount: 15, kind: 'service', reason: '参加小区义务巡逻', balanceAfter: 15 });
    const stored = (await cloud.store.find<LedgerEntry>(C.ledger, { where: { userId: v.userId } })).items[0];
    expect(stored.by).toBe('user-branch');
    const inbox = (await cloud.call('inbox', { action: 'list' }, v.openid)).data.items;
    expect(inbox.some((i: { title: string }) => i.title === '获得 15 志愿积分')).toBe(true);
  });

  it('refuses a credit to oneself and to someone who is not a volunteer here', async () => {
    const staffVolunteer = await makePerson(cloud.store, ['branch', 'volunteer']);
    expect((await call('credit', { userId: staffVolunteer.userId, amount: 5, reason: '自己给自己' }, staffVolunteer.openid)).error.code).toBe('FORBIDDEN');
    const notVolunteer = await makeResidentIn(cloud.store, '2');
    expect((await call('credit', { userId: notVolunteer.userId, amount: 5, reason: '不是志愿者' }, 'demo-branch')).error.code).toBe('NOT_FOUND');
    expect((await call('credit', { userId: 'user-volunteer', amount: 5, reason: '物业不能记分' }, 'demo-property')).error.code).toBe('FORBIDDEN');
  });

  it('corrects with a reversing entry, once, never editing the original and never below zero', async () => {
    const v = await volunteer();
    const first = await credit(v.userId, 20);
    const reversal = await call('reverse', { entryId: first.id, reason: '记错了人' }, 'demo-community');
    expect(reversal.data).toMatchObject({ amount: -20, kind: 'reversal', ref: first.id, balanceAfter: 0 });
    expect((await call('reverse', { entryId: first.id, reason: '再冲一次' }, 'demo-community')).error.code).toBe('CONFLICT');
    const original = await cloud.store.get<LedgerEntry>(C.ledger, first.id);
    expect(original).toMatchObject({ amount: 20, balanceAfter: 20 });
    expect((await call('mine', {}, v.openid)).data.entries.find((e: { id: string }) => e.id === first.id).reversed).toBe(true);

    // Spent points cannot be reversed into a negative balance.
    const second = await credit(v.userId, 30);
    const r = await reward(25, 5);
    expect((await call('redeem', { rewardId: r }, v.openid)).ok).toBe(true);
    expect((await call('reverse', { entryId: second.id, reason: '记错了' }, 'demo-community')).error.code).toBe('CONFLICT');
    expect((await call('mine', {}, v.openid)).data.balance).toBe(5);
  });

  it('credits each confirmed wish at the estate’s configured points, and ranks by wishes fulfilled, not claimed', async () => {
    expect((await call('configure', { wishPoints: 15 }, 'demo-branch')).data).toEqual({ wishPoints: 15 });
    const author = await makeResidentIn(cloud.store, '3', '冯兰英');
    const doer = await volunteer();
    const claimerOnly = await volunteer();
    const post = async () => (await wish('post', { title: '帮忙贴春联', description: '家里没有梯子', category: 'elderly' }, author.openid)).data;
    const done = await post();
    expect(done.points).toBe(15);
    await wish('claim', { wishId: done.id }, doer.openid);
    await wish('fulfil', { wishId: done.id, note: '贴好了' }, doer.openid);
    await wish('confirm', { wishId: done.id }, author.openid);
    const claimedOnly = await post();
    await wish('claim', { wishId: claimedOnly.id }, claimerOnly.openid);
    expect((await call('mine', {}, doer.openid)).data).toMatchObject({ balance: 15, wishesFulfilled: 1 });
    const ranking = (await call('ranking', {}, doer.openid)).data;
    expect(ranking.find((r: { me: boolean }) => r.me)).toMatchObject({ wishesFulfilled: 1 });
    expect((await call('ranking', {}, claimerOnly.openid)).data.some((r: { me: boolean }) => r.me)).toBe(false);
    await call('configure', { wishPoints: 10 }, 'demo-branch');
  });
});

describe('rewards', () => {
  it('debits points and stock together, and refunds both together when staff cancel', async () => {
    const v = await volunteer();
    await credit(v.userId, 100);
    const r = await reward(40, 2);
    const redemption = (await call('redeem', { rewardId: r }, v.openid)).data;
    expect(redemption).toMatchObject({ status: 'requested', price: 40 });
    expect((await call('mine', {}, v.openid)).data.balance).toBe(60);
    expect((await call('rewards', {}, v.openid)).data.find((x: { id: string }) => x.id === r).stock).toBe(1);

    const cancelled = await call('cancelRedemption', { redemptionId: redemption.id, reason: '礼品缺货' }, 'demo-branch');
    expect(cancelled.data.status).toBe('cancelled');
    expect((await call('mine', {}, v.openid)).data.balance).toBe(100);
    expect((await call('rewards', {}, v.openid)).data.find((x: { id: string }) => x.id === r).stock).toBe(2);
    expect((await call('cancelRedemption', { redemptionId: redemption.id, reason: '再取消' }, 'demo-branch')).error.code).toBe('CONFLICT');
    expect((await call('handOver', { redemptionId: redemption.id }, 'demo-branch')).error.code).toBe('CONFLICT');

    const second = (await call('redeem', { rewardId: r }, v.openid)).data;
    expect((await call('handOver', { redemptionId: second.id }, 'demo-branch')).data.status).toBe('handedOver');
    expect((await call('cancelRedemption', { redemptionId: second.id, reason: '晚了' }, 'demo-branch')).error.code).toBe('CONFLICT');
    expect((await call('myRedemptions', {}, v.openid)).data.map((x: { status: string }) => x.status)).toEqual(['handedOver', 'cancelled']);
  });

  it('refuses a redemption without enough points or stock, changing nothing', async () => {
    const v = await volunteer();
    await credit(v.userId, 10);
    const dear = await reward(50, 3);
    expect((await call('redeem', { rewardId: dear }, v.openid)).error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('积分不足') });
    const none = await reward(1, 0);
    expect((await call('redeem', { rewardId: none }, v.openid)).error.code).toBe('CONFLICT');
    expect((await call('mine', {}, v.openid)).data.balance).toBe(10);
    expect(await cloud.store.count(C.redemptions, { userId: v.userId })).toBe(0);
  });

  it('hides retired rewards from volunteers and refuses to redeem them', async () => {
    const v = await volunteer();
    await credit(v.userId, 10);
    const r = await reward(1, 3);
    await call('saveReward', { rewardId: r, name: '旧礼品', price: 1, stock: 3, status: 'retired' }, 'demo-branch');
    expect((await call('rewards', {}, v.openid)).data.map((x: { id: string }) => x.id)).not.toContain(r);
    expect((await call('rewards', {}, 'demo-branch')).data.map((x: { id: string }) => x.id)).toContain(r);
    expect((await call('redeem', { rewardId: r }, v.openid)).error.code).toBe('CONFLICT');
  });

  it('lets exactly 10 of 100 simultaneous redemptions through against stock 10 and points for 10', async () => {
    const v = await volunteer();
    await credit(v.userId, 100);
    const r = await reward(10, 10);
    const replies = await Promise.all(Array.from({ length: 100 }, () => call('redeem', { rewardId: r }, v.openid)));
    expect(replies.filter((x) => x.ok)).toHaveLength(10);
    expect(replies.filter((x) => !x.ok).every((x) => x.error.code === 'CONFLICT')).toBe(true);
    expect((await call('rewards', {}, v.openid)).data.find((x: { id: string }) => x.id === r).stock).toBe(0);
    const account = await cloud.store.get<PointsAccount>(C.accounts, accountId(ESTATE_A, v.userId));
    expect(account!.balance).toBe(0);
    expect(await cloud.store.count(C.redemptions, { rewardId: r })).toBe(10);
  });

  it('never lets the stock go below zero when many volunteers race for it', async () => {
    const racers = await Promise.all(Array.from({ length: 30 }, () => volunteer()));
    for (const v of racers) await credit(v.userId, 5);
    const r = await reward(5, 7);
    const replies = await Promise.all(racers.map((v) => call('redeem', { rewardId: r }, v.openid)));
    expect(replies.filter((x) => x.ok)).toHaveLength(7);
    expect((await call('rewards', {}, 'demo-branch')).data.find((x: { id: string }) => x.id === r).stock).toBe(0);
  });
});

it('keeps every balance equal to the sum of its entries, and none negative', async () => {
  await expectLedgerBalances();
});
