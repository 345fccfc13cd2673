/** Notices (公告) through the `notice` function: audience, states, edits, read receipts. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A, makePerson, makeResidentIn } from '../helpers/fixtures';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const call = (action: string, payload: object, openid: string) => cloud.call('notice', { action, ...payload }, openid);
const body = (text: string) => [{ type: 'paragraph', text }];

/** Drafts and publishes a property notice; answers its id. */
async function publish(fields: Record<string, unknown>, as = 'demo-property') {
  const draft = await call('create', { title: '电梯检修', body: body('3号楼电梯周二检修'), category: 'property', ...fields }, as);
  expect(draft).toMatchObject({ ok: true, data: { status: 'draft' } });
  expect((await call('publish', { noticeId: draft.data.id }, as)).data.status).toBe('published');
  return draft.data.id as string;
}
const listedIds = async (openid: string) => (await call('list', {}, openid)).data.items.map((n: { id: string }) => n.id);

describe('audience', () => {
  it('shows a notice for building 3 to building 3 and not to building 5', async () => {
    const in3 = await makeResidentIn(cloud.store, '3', '郑三');
    const in5 = await makeResidentIn(cloud.store, '5', '钱五');
    const visitor = await makePerson(cloud.store, []);
    const id = await publish({ buildings: ['3'] });
    expect(await listedIds(in3.openid)).toContain(id);
    expect((await call('get', { noticeId: id }, in3.openid)).ok).toBe(true);
    expect(await listedIds(in5.openid)).not.toContain(id);
    expect((await call('get', { noticeId: id }, in5.openid)).error.code).toBe('NOT_FOUND');
    expect(await listedIds(visitor.openid)).not.toContain(id);
    // Publishers see every audience of their estate.
    expect(await listedIds('demo-community')).toContain(id);
  });

  it('shows an estate-wide notice to everyone in the estate, unverified visitors included', async () => {
    const visitor = await makePerson(cloud.store, []);
    const id = await publish({ title: '小区停电通知' });
    expect(await listedIds(visitor.openid)).toContain(id);
    expect(await listedIds('demo-resident')).toContain(id);
  });

  it('keeps drafts to their author', async () => {
    const draft = await call('create', { title: '草稿', body: body('还没写完'), category: 'property' }, 'demo-property');
    expect(await listedIds('demo-resident')).not.toContain(draft.data.id);
    expect((await call('get', { noticeId: draft.data.id }, 'demo-resident')).error.code).toBe('NOT_FOUND');
    expect((await call('drafts', {}, 'demo-property')).data.map((n: { id: string }) => n.id)).toContain(draft.data.id);
  });
});

describe('states', () => {
  it('keeps a withdrawn notice in the list, saying so, without its text', async () => {
    const id = await publish({ title: '错误通知' });
    const withdrawn = await call('withdraw', { noticeId: id, reason: '日期写错，另行通知' }, 'demo-property');
    expect(withdrawn.data).toMatchObject({ status: 'withdrawn', withdrawReason: '日期写错，另行通知', body: [] });
    const listed = (await call('list', {}, 'demo-resident')).data.items.find((n: { id: string }) => n.id === id);
    expect(listed).toMatchObject({ status: 'withdrawn', withdrawReason: '日期写错，另行通知' });
    expect((await call('update', { noticeId: id, title: '再改' }, 'demo-property')).error.code).toBe('CONFLICT');
    expect((await call('withdraw', { noticeId: id, reason: '再撤一次' }, 'demo-property')).error.code).toBe('CONFLICT');
  });

  it('stops listing a notice past its expiry, and says it expired when opened', async () => {
    const id = 'notice-expired';
    await cloud.store.insert('notices', {
      _id: id, estateId: ESTATE_A, authorId: 'user-property', authorName: '刘经理', authorRole: 'property', title: '旧通知', body: body('已过期'),
      category: 'property', audience: ['*'], pinned: true, expiresAt: Date.now() - 1000, status: 'published', version: 1, readCount: 0,
      createdAt: 1, updatedAt: 1, publishedAt: 1, withdrawnAt: null, withdrawReason: null,
    });
    expect(await listedIds('demo-resident')).not.toContain(id);
    expect((await call('get', { noticeId: id }, 'demo-resident')).data).toMatchObject({ expired: true });
    expect((await call('create', { title: '过期的', body: body('x'), category: 'property', expiresAt: Date.now() - 1 }, 'demo-property')).error.code).toBe('INVALID_INPUT');
  });

  it('publishes each body under its own name only', async () => {
    const reply = await call('create', { title: '党课通知', body: body('周五党课'), category: 'party' }, 'demo-property');
    expect(reply.error.code).toBe('FORBIDDEN');
    const branch = await call('create', { title: '党课通知', body: body('周五党课'), category: 'party' }, 'demo-branch');
    expect(branch.data).toMatchObject({ authorName: '赵书记', authorRole: 'branch' });
    // Nobody edits another's notice: a draft is not even visible to them, a published one is refused.
    expect((await call('update', { noticeId: branch.data.id, title: '改标题' }, 'demo-community')).error.code).toBe('NOT_FOUND');
    await call('publish', { noticeId: branch.data.id }, 'demo-branch');
    expect((await call('update', { noticeId: branch.data.id, title: '改标题' }, 'demo-community')).error.code).toBe('FORBIDDEN');
  });

  it('puts pinned notices first, then the newest', async () => {
    const pinned = await publish({ title: '置顶通知', pinned: true });
    const newest = await publish({ title: '最新通知' });
    const items: Array<{ id: string; pinned: boolean }> = (await call('list', {}, 'demo-resident')).data.items;
    const firstUnpinned = items.findIndex((n) => !n.pinned);
    expect(items.slice(0, firstUnpinned).map((n) => n.id)).toContain(pinned);
    expect(items.slice(firstUnpinned).every((n) => !n.pinned)).toBe(true);
    expect(items[firstUnpinned].id).toBe(newest);
  });
});

describe('edits and reads', () => {
  it('keeps the earlier text of a published notice as a revision', async () => {
    const id = await publish({ title: '停车费调整' });
    const edited = await call('update', { noticeId: id, title: '停车费调整（更正）', body: body('自下月起每月150元') }, 'demo-property');
    expect(edited.data).toMatchObject({ title: '停车费调整（更正）', edited: true, status: 'published' });
    const history = await call('history', { noticeId: id }, 'demo-resident');
    expect(history.data).toEqual([{ version: 1, title: '停车费调整', body: body('3号楼电梯周二检修'), editedAt: expect.any(Number) }]);
  });

  it('counts each reader once, not the author, and tells the author who has not read (masked)', async () => {
    const reader = await makeResidentIn(cloud.store, '6', '孙六');
    const other = await makeResidentIn(cloud.store, '6', '周七');
    const id = await publish({ title: '6栋通知', buildings: ['6'] });
    await call('get', { noticeId: id }, reader.openid);
    await call('get', { noticeId: id }, reader.openid);
    await call('get', { noticeId: id }, 'demo-property');
    expect((await call('get', { noticeId: id }, reader.openid)).data.readCount).toBe(1);
    const report = await call('unread', { noticeId: id }, 'demo-property');
    expect(report.data).toEqual({ audienceSize: 2, readCount: 1, unread: [{ name: '周*', building: '6栋' }] });
    expect((await call('unread', { noticeId: id }, other.openid)).error.code).toBe('FORBIDDEN');
    await call('get', { noticeId: id }, other.openid);
    expect((await call('unread', { noticeId: id }, 'demo-property')).data).toMatchObject({ readCount: 2, unread: [] });
  });
});
