/**
 * Proposals through the `proposal` and `vote` functions: 一议三审三公开 from draft to the
 * published outcome, wrong roles and skipped steps refused, races, the owners' vote counted from
 * the home register, and the process record's hash chain.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, makePerson } from '../helpers/fixtures';
import { COLLECTIONS } from '../../src/core/auth/types';
import { ownerOfRecord } from '../../src/core/estate/homes';
import type { Home } from '../../src/core/estate/types';
import { tallyOwnersVote, type Choice } from '../../src/core';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('proposal', { action, ...payload }, openid);
const vote = (action: string, payload: object, openid: string) => cloud.call('vote', { action, ...payload }, openid);
const ok = (reply: { ok: boolean; error?: { code: string; message: string } }) => {
  if (!reply.ok) throw new Error(`${reply.error!.code}: ${reply.error!.message}`);
  return (reply as unknown as { data: any }).data;
};
const DAY = 86_400_000;

const CONTENT = {
  title: '1栋楼顶防水维修',
  background: '1栋顶楼多户反映雨天漏水，物业检查发现楼顶防水层老化开裂。',
  plan: '聘请有资质的施工队翻新1栋楼顶防水层，工期约10天，完工后保修5年。',
  costFen: 8_600_000,
  funding: 'maintenanceFund',
  matter: 'm5',
};

/** Drafts and walks a proposal through the three reviews; answers its id (publicized). */
async function throughReviews(matter = 'm5', window = { startsAt: Date.now(), endsAt: Date.now() + DAY }) {
  const p = ok(await call('create', { ...CONTENT, matter }, 'demo-owner'));
  ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
  ok(await call('accept', { proposalId: p.id, as: 'branch' }, 'demo-branch'));
  ok(await call('approve', { proposalId: p.id, as: 'branch', opinion: '符合维修资金使用范围，同意提交联审' }, 'demo-branch'));
  ok(await call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, 'demo-committee'));
  ok(await call('approve', { proposalId: p.id, as: 'property', opinion: '同意，物业配合施工' }, 'demo-property'));
  const done = ok(await call('approve', { proposalId: p.id, as: 'community', opinion: '审定备案', decision: { matter, ...window } }, 'demo-community'));
  expect(done.status).toBe('publicized');
  return p.id as string;
}

async function register(): Promise<Home[]> {
  const out: Home[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Home[]; nextCursor: string | null } = await cloud.store.find<Home>(COLLECTIONS.homes, { where: { estateId: ESTATE_A }, limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('一议三审三公开', () => {
  it('travels draft → three reviews → publicity → owners’ vote → decision → implementation → outcome, with every step on a chain that verifies', async () => {
    const id = await throughReviews();
    const publicity = ok(await call('get', { proposalId: id }, 'demo-resident')).proposal.publications.publicity;
    expect((await cloud.call('notice', { action: 'get', noticeId: publicity }, 'demo-resident')).data.title).toBe('议题公示：1栋楼顶防水维修');

    ok(await call('openVote', { proposalId: id }, 'demo-community'));
    // Owners vote online: 李业主 and 陈主任 are bound as owners in building 1.
    ok(await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-owner'));
    ok(await vote('cast', { proposalId: id, choice: 'no' }, 'demo-committee'));
    // The committee enters paper ballots collected door to door.
    const homes = await register();
    const keys = [...new Set(homes.map(ownerOfRecord))].sort();
    const choices = new Map<string, Choice>();
    const owner = ownerOfRecord(homes.find((h) => h.building === '1' && h.unit === '2' && h.room === '302')!);
    const chair = ownerOfRecord(homes.find((h) => h.building === '1' && h.unit === '1' && h.room === '501')!);
    choices.set(owner, 'yes');
    choices.set(chair, 'no');
    const paper = keys.filter((k) => k !== owner && k !== chair).slice(0, 46);
    for (const [i, key] of paper.entries()) {
      const choice: Choice = i % 5 === 0 ? 'no' : i % 7 === 0 ? 'abstain' : 'yes';
      choices.set(key, choice);
      ok(await vote('paper', { proposalId: id, voterKey: key, choice }, 'demo-committee'));
    }
    // Live participation is public, the split is not.
    const live = ok(await vote('status', { proposalId: id }, 'demo-resident'));
    expect(live.participation.voters).toBe(48);
    expect(JSON.stringify(live)).not.toMatch(/"yes"|approval/);
    // Too early to close: not everyone has voted and the window is open.
    expect((await call('closeVote', { proposalId: id }, 'demo-community')).error.code).toBe('CONFLICT');

    // The window ends; the timer closes the vote and publishes the decision.
    await cloud.store.update('proposals', id, { set: { 'decision.endsAt': Date.now() - 1 } });
    await cloud.store.update('votes', id, { set: { endsAt: Date.now() - 1 } });
    await cloud.runTimer();
    const decided = ok(await call('get', { proposalId: id }, 'demo-resident')).proposal;
    expect(decided.status).toBe('decided');

    // The stored result is what the pure tally says of the register and these ballots.
    const expected = tallyOwnersVote({ matter: 5, homes: homes.map((h) => ({ id: h._id, area: h.areaDm2 / 100, ownerId: ownerOfRecord(h) })), ballots: [...choices].map(([ownerId, choice]) => ({ ownerId, choice })) });
    const o = decided.result.owners;
    expect({ participation: { owners: o.participation.owners, area: o.participation.areaDm2 / 100, met: o.participation.met }, approval: { owners: o.approval.owners, area: o.approval.areaDm2 / 100, met: o.approval.met }, passed: decided.result.passed }).toEqual(expected);
    expect(o.totals.owners).toBe(68); // 72 homes: one buyer of two, the developer's four as one
    expect(decided.result.passed).toBe(true);
    const decisionNotice = (await cloud.call('notice', { action: 'get', noticeId: decided.publications.decision }, 'demo-resident')).data;
    expect(decisionNotice.title).toBe('决议公告：1栋楼顶防水维修');
    const noticeText = decisionNotice.body.map((b: { text: string }) => b.text).join('');
    expect(noticeText).toContain(`参与表决 ${o.participation.owners} 人`);
    // The chain's head at the close is published: it is the hash of the closeVote record.
    const closing = ok(await call('get', { proposalId: id }, 'demo-resident')).records.find((r: { kind: string }) => r.kind === 'closeVote');
    expect(noticeText).toContain(`过程记录共 ${closing.seq} 条，校验码 ${closing.hash}`);
    expect((await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-owner')).error.code).toBe('CONFLICT');

    ok(await call('implement', { proposalId: id }, 'demo-property'));
    ok(await call('progress', { proposalId: id, note: '施工队已进场，完成旧防水层铲除' }, 'demo-property'));
    const completed = ok(await call('complete', { proposalId: id, outcome: '防水层已翻新，经业委会验收合格' }, 'demo-property'));
    expect(completed.status).toBe('completed');
    expect((await cloud.call('notice', { action: 'get', noticeId: completed.publications.outcome }, 'demo-resident')).data.title).toBe('结果公告：1栋楼顶防水维修');

    const detail = ok(await call('get', { proposalId: id }, 'demo-resident'));
    expect(detail.records.map((r: { kind: string }) => r.kind)).toEqual([
      'create', 'submit', 'accept', 'approve', 'sign', 'approve', 'approve', 'publish', 'openVote', 'closeVote', 'publish', 'implement', 'progress', 'complete', 'publish',
    ]);
    const signatures = detail.records.filter((r: { kind: string }) => ['approve', 'sign'].includes(r.kind)).map((r: { role: string; actorName: string; opinion: string }) => [r.role, r.actorName]);
    expect(signatures).toEqual([['branch', '赵书记'], ['committee', '陈主任'], ['property', '刘经理'], ['community', '孙干事']]);
    expect(ok(await call('verify', { proposalId: id }, 'demo-resident'))).toMatchObject({ ok: true, length: 15, brokenAt: null });

    // Tampering with any record breaks the chain there.
    await cloud.store.update('proposalRecords', `${id}.4`, { set: { opinion: '不同意' } });
    expect(ok(await call('verify', { proposalId: id }, 'demo-resident'))).toMatchObject({ ok: false, brokenAt: 4 });
  }, 60_000);

  it('refuses a skipped review and a signature in the wrong role', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    // The joint meeting cannot sign before the branch; the committee cannot sign as the branch.
    expect((await call('approve', { proposalId: p.id, as: 'community', opinion: '同意', decision: { matter: 'm5', startsAt: Date.now(), endsAt: Date.now() + DAY } }, 'demo-community')).ok).toBe(false);
    expect((await call('accept', { proposalId: p.id, as: 'branch' }, 'demo-committee')).error.code).toBe('FORBIDDEN');
    expect((await call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, 'demo-committee')).ok).toBe(false);
    ok(await call('accept', { proposalId: p.id, as: 'branch' }, 'demo-branch'));
    ok(await call('approve', { proposalId: p.id, as: 'branch', opinion: '同意' }, 'demo-branch'));
    // One person holding both joint roles signs one of them only.
    const both = await makePerson(cloud.store, ['committee', 'property']);
    ok(await call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, both.openid));
    const second = await call('approve', { proposalId: p.id, as: 'property', opinion: '同意' }, both.openid);
    expect(second.error).toMatchObject({ code: 'CONFLICT', message: '同一个人不能代表两方签署' });
    // The committee has signed: another member cannot sign for it again.
    expect((await call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, 'demo-committee')).error.code).toBe('CONFLICT');
    const view = ok(await call('get', { proposalId: p.id }, 'demo-property')).proposal;
    expect(view.status).toBe('jointReview');
    expect(view.signed).toEqual(['committee']);
    expect(view.moves).toEqual(expect.arrayContaining([{ action: 'approve', as: 'property' }]));
  });

  it('keeps every version through a return for revision', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    ok(await call('accept', { proposalId: p.id, as: 'branch' }, 'demo-branch'));
    expect(ok(await call('returnForRevision', { proposalId: p.id, as: 'branch', opinion: '请补充施工单位报价' }, 'demo-branch')).status).toBe('returned');
    expect((await call('update', { proposalId: p.id, plan: '改过的方案' }, 'demo-branch')).ok).toBe(false);
    ok(await call('update', { proposalId: p.id, plan: '聘请施工队翻新楼顶防水层，已附三家报价，选最低价且有资质者。' }, 'demo-owner'));
    expect(ok(await call('submit', { proposalId: p.id }, 'demo-owner'))).toMatchObject({ status: 'submitted', version: 2 });
    const submits = ok(await call('get', { proposalId: p.id }, 'demo-resident')).records.filter((r: { kind: string }) => r.kind === 'submit');
    expect(submits.map((r: { data: { version: number; plan: string } }) => [r.data.version, r.data.plan])).toEqual([
      [1, CONTENT.plan],
      [2, '聘请施工队翻新楼顶防水层，已附三家报价，选最低价且有资质者。'],
    ]);
    // Nobody edits a submitted proposal.
    expect((await call('update', { proposalId: p.id, title: '再改一下标题' }, 'demo-owner')).error.code).toBe('CONFLICT');
  });

  it('lets the author withdraw before publicity, not after; a rejection is final', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    expect((await call('withdraw', { proposalId: p.id, reason: '不需要了' }, 'demo-committee')).ok).toBe(false);
    expect(ok(await call('withdraw', { proposalId: p.id, reason: '已由物业自行维修' }, 'demo-owner')).status).toBe('withdrawn');
    const q = await throughReviews();
    expect((await call('withdraw', { proposalId: q, reason: '想撤回' }, 'demo-owner')).error.code).toBe('CONFLICT');
    const r = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: r.id }, 'demo-owner'));
    expect(ok(await call('reject', { proposalId: r.id, as: 'branch', opinion: '不属于业主共同决定事项' }, 'demo-branch')).status).toBe('rejected');
    expect((await call('accept', { proposalId: r.id, as: 'branch' }, 'demo-branch')).error.code).toBe('CONFLICT');
  });

  it('keeps drafts to their author and everything from visitors', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    expect((await call('get', { proposalId: p.id }, 'demo-branch')).error.code).toBe('NOT_FOUND');
    expect((await call('get', { proposalId: p.id }, 'demo-visitor')).ok).toBe(false);
  });
});

describe('races', () => {
  it('records one signature when two committee members sign the same step at once', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    ok(await call('accept', { proposalId: p.id, as: 'branch' }, 'demo-branch'));
    ok(await call('approve', { proposalId: p.id, as: 'branch', opinion: '同意' }, 'demo-branch'));
    const other = await makePerson(cloud.store, ['committee']);
    const replies = await Promise.all([
      call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, 'demo-committee'),
      call('approve', { proposalId: p.id, as: 'committee', opinion: '同意' }, other.openid),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok).error.code).toBe('CONFLICT');
    const records = ok(await call('get', { proposalId: p.id }, 'demo-owner')).records.filter((r: { kind: string }) => r.kind === 'sign');
    expect(records).toHaveLength(1);
    expect(ok(await call('verify', { proposalId: p.id }, 'demo-owner')).ok).toBe(true);
  });

  it('counts one ballot when one owner sends 100 at once, and the last choice stands', async () => {
    const id = await throughReviews();
    ok(await call('openVote', { proposalId: id }, 'demo-community'));
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => vote('cast', { proposalId: id, choice: i % 2 ? 'yes' : 'no' }, 'demo-owner')));
    expect(replies.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(replies.filter((r) => !r.ok).every((r) => r.error.code === 'CONFLICT')).toBe(true);
    expect(await cloud.store.count('ballots', { voteId: id })).toBe(1);
    const status = ok(await vote('status', { proposalId: id }, 'demo-owner'));
    expect(status.participation.voters).toBe(1);
    const final = ok(await vote('cast', { proposalId: id, choice: 'abstain' }, 'demo-owner'));
    expect(final.participation.voters).toBe(1);
    expect(final.mine[0]).toMatchObject({ choice: 'abstain', channel: 'online' });
    // A paper ballot for the same owner replaces it: one owner, one ballot, whatever the channel.
    const paper = ok(await vote('paper', { proposalId: id, voterKey: final.mine[0].voterKey, choice: 'yes' }, 'demo-committee'));
    expect(paper.participation.voters).toBe(1);
    expect(ok(await vote('status', { proposalId: id }, 'demo-owner')).mine[0]).toMatchObject({ choice: 'yes', channel: 'paper' });
  }, 60_000);
});

describe('votes', () => {
  it('refuses ballots from those not on the roll, and weights from the register, never the voter', async () => {
    const id = await throughReviews();
    ok(await call('openVote', { proposalId: id }, 'demo-community'));
    expect((await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-resident')).error.code).toBe('FORBIDDEN'); // a tenant
    expect((await vote('cast', { proposalId: id, choice: 'yes', weight: 1000 }, 'demo-owner')).error.code).toBe('INVALID_INPUT');
    const s = ok(await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-owner'));
    const home = (await register()).find((h) => h.building === '1' && h.unit === '2' && h.room === '302')!;
    expect(s.mine[0].areaDm2).toBe(home.areaDm2);
    expect(s.participation).toEqual({ voters: 1, areaDm2: home.areaDm2 });
    expect(s.lines).toEqual({ voters: Math.ceil((2 * 68) / 3), areaDm2: Math.ceil((2 * s.electorate.areaDm2) / 3) });
    // Those who have not voted are listed for door-to-door visits, names masked.
    const list = ok(await vote('nonVoters', { proposalId: id }, 'demo-committee'));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.length).toBeLessThanOrEqual(20);
    for (const n of list.items) for (const h of n.homes) expect(h).toMatch(/^\d栋\d单元\d+$/);
    expect(list.items.find((n: { voterKey: string }) => n.voterKey === 'buyer-2-1-6')?.homes).toEqual(['2栋1单元601', '2栋1单元602']);
    expect(list.items.some((n: { voterKey: string }) => n.voterKey === ownerOfRecord(home))).toBe(false);
    expect((await vote('nonVoters', { proposalId: id }, 'demo-owner')).error.code).toBe('FORBIDDEN');
  }, 60_000);

  it('reminds those who have not voted a day before the close, once', async () => {
    const id = await throughReviews('m5', { startsAt: Date.now(), endsAt: Date.now() + DAY - 60_000 });
    ok(await call('openVote', { proposalId: id }, 'demo-community'));
    ok(await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-owner'));
    await cloud.runTimer();
    await cloud.runTimer();
    const reminders = async (openid: string) =>
      ok(await cloud.call('inbox', { action: 'list' }, openid)).items.filter((i: { title: string; link: string }) => i.title === '表决即将截止，您还没有投票' && i.link.endsWith(id));
    expect(await reminders('demo-committee')).toHaveLength(1); // an owner who has not voted
    expect(await reminders('demo-owner')).toHaveLength(0); // voted already
  }, 60_000);

  it('decides a routine matter by the committee, closing early once every member has voted', async () => {
    const id = await throughReviews('routine');
    ok(await call('openVote', { proposalId: id }, 'demo-community'));
    expect((await vote('cast', { proposalId: id, choice: 'yes' }, 'demo-owner')).error.code).toBe('FORBIDDEN');
    const members = (await cloud.store.find<{ _id: string; userIds: string[] }>('voteRolls', { where: { voteId: id }, limit: 100 })).items.flatMap((r) => r.userIds);
    const openids = (await cloud.store.find<{ _id: string; userId: string }>('identities', { where: { userId: { $in: members } }, limit: 100 })).items.map((i) => i._id);
    expect(openids).toContain('demo-committee');
    const [last, ...rest] = openids;
    for (const openid of rest) ok(await vote('cast', { proposalId: id, choice: 'yes' }, openid));
    // One member has not voted: the community cannot close early.
    expect((await call('closeVote', { proposalId: id }, 'demo-community')).error.code).toBe('CONFLICT');
    ok(await vote('cast', { proposalId: id, choice: 'no' }, last));
    const closed = ok(await call('closeVote', { proposalId: id }, 'demo-community'));
    expect(closed.status).toBe('decided');
    expect(closed.result).toMatchObject({ kind: 'committee', committee: { members: openids.length, voted: openids.length, yes: openids.length - 1, no: 1 } });
    expect(closed.result.passed).toBe(2 * (openids.length - 1) > openids.length);
  });
});

describe('四方议事', () => {
  it('keeps comments apart from the four parties’ official positions, which enter the record', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    const c = ok(await call('comment', { proposalId: p.id, text: '我家也漏水，支持尽快修，电话13812345678' }, 'demo-resident'));
    expect(c).toMatchObject({ byName: '王*', byLabel: '3栋居民', text: '我家也漏水，支持尽快修，电话138****5678' });
    ok(await call('position', { proposalId: p.id, party: 'property', text: '物业支持，可以协助比价' }, 'demo-property'));
    expect((await call('position', { proposalId: p.id, party: 'branch', text: '冒充党支部' }, 'demo-property')).error.code).toBe('FORBIDDEN');
    ok(await call('position', { proposalId: p.id, party: 'residents', text: '顶楼住户普遍支持' }, 'demo-owner'));
    const d = ok(await call('get', { proposalId: p.id }, 'demo-resident'));
    expect(d.positions.map((x: { party: string }) => x.party).sort()).toEqual(['property', 'residents']);
    expect(d.comments).toHaveLength(1);
    expect(d.records.filter((r: { kind: string }) => r.kind === 'position')).toHaveLength(2);
    expect((await call('comment', { proposalId: p.id, text: '一起来赌博' }, 'demo-resident')).error.code).toBe('CONTENT_REJECTED');
  });

  it('takes one poll answer per verified home, the latest counting', async () => {
    const p = ok(await call('create', CONTENT, 'demo-owner'));
    ok(await call('submit', { proposalId: p.id }, 'demo-owner'));
    ok(await call('attachPoll', { proposalId: p.id, question: '您支持用维修资金修楼顶吗？', options: ['支持', '不支持', '无所谓'] }, 'demo-owner'));
    ok(await call('answerPoll', { proposalId: p.id, option: '不支持' }, 'demo-resident'));
    const poll = ok(await call('answerPoll', { proposalId: p.id, option: '支持' }, 'demo-resident'));
    expect(poll).toMatchObject({ counts: { 支持: 1, 不支持: 0, 无所谓: 0 }, total: 1, mine: '支持' });
    expect((await call('answerPoll', { proposalId: p.id, option: '支持' }, 'demo-visitor')).ok).toBe(false);
    expect((await call('answerPoll', { proposalId: p.id, option: '都行' }, 'demo-owner')).error.code).toBe('INVALID_INPUT');
  });
});
