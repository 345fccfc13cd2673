/**
 * Issue 6 as people meet it: 李业主 drafts a proposal; 赵书记 takes it up and signs the first
 * review; 陈主任 and 刘经理 sign the joint review; 孙干事 files it at the joint meeting and opens
 * the owners' vote; owners vote; the vote closes at its end; the decision is published.
 */
import type { Page } from 'playwright-core';
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('a proposal from draft to its published decision, in the browser', () => {
  const env = browserAndCloud();

  async function sessionAs(name: string, path: string): Promise<Page> {
    const context = await env.browser().newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${env.cloud().url}/#/pages/devlogin/index`);
    await settled(page);
    await page.locator('taro-button-core', { hasText: name }).first().click();
    await page.waitForURL(/pages\/home\/index/);
    await page.goto(`${env.cloud().url}/#${path}`);
    await page.reload(); // the same hash as before the login: load it afresh
    await arrive(page, path.split('/')[2]);
    return page;
  }
  /** The page on screen: earlier pages stay in the DOM, hidden, with the same buttons. */
  const shown = (page: Page) => page.locator('.taro_page.taro_page_show.taro_page_stationed').last();
  const arrive = (page: Page, name: string) => page.locator(`.taro_page.taro_page_show.taro_page_stationed[id^="/pages/${name}/index"]`).last().waitFor({ timeout: 30_000 });
  const button = (page: Page, text: string | RegExp) => shown(page).locator('taro-button-core', { hasText: text }).filter({ visible: true }).first();
  const sees = (page: Page, text: string | RegExp) => shown(page).getByText(text).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
  const exactly = (text: string) => new RegExp(`^\\s*${text}\\s*$`);

  /** Opens the proposal as `name`, presses `action`, writes the opinion and confirms. */
  async function review(name: string, path: string, action: string, opinion?: string) {
    const page = await sessionAs(name, path);
    await button(page, exactly(action)).click();
    if (opinion) await shown(page).locator('textarea[placeholder="请写明审核意见"]').fill(opinion);
    return page;
  }

  it('travels 一议三审 to an owners’ vote, and the closed vote’s decision is published', async () => {
    const owner = await sessionAs('李业主', '/pages/proposal/index');
    await button(owner, '提出议题').click();
    await arrive(owner, 'proposal-edit');
    await shown(owner).locator('input[placeholder="例如：3栋加装电梯"]').fill('2栋楼道加装声控灯');
    await shown(owner).locator('textarea[placeholder="为什么要做这件事"]').fill('2栋楼道晚上没有灯，老人上下楼不安全，已有人摔倒。');
    await shown(owner).locator('textarea[placeholder="具体怎么做、谁来做、什么时候做"]').fill('每层楼道安装声控灯两盏，由物业采购安装，一周内完成。');
    await shown(owner).locator('input[placeholder="0"]').fill('3600');
    await button(owner, '公共收益').click();
    await button(owner, '使用建筑物及其附属设施的维修资金').click();
    await button(owner, '提交议题').click();
    await owner.waitForURL(/pages\/proposal-detail\/index\?id=/, { timeout: 15_000 });
    const path = new URL(owner.url()).hash.slice(1);
    const id = new URL(owner.url().replace('#', '')).searchParams.get('id')!;
    await arrive(owner, 'proposal-detail');
    await sees(owner, '已提交，待党支部受理');

    const branch = await review('赵书记', path, '受理');
    await button(branch, exactly('确认')).click();
    await sees(branch, '党支部初审中');
    await button(branch, exactly('初审通过')).click();
    await shown(branch).locator('textarea[placeholder="请写明审核意见"]').fill('楼道照明属于共用设施，同意提交联审。');
    await button(branch, exactly('确认')).click();
    await sees(branch, '业委会、物业联审中');

    const committee = await review('陈主任', path, '以业委会身份同意', '同意。');
    await button(committee, exactly('确认')).click();
    await sees(committee, /已签/);
    const property = await review('刘经理', path, '以物业身份同意', '同意，物业负责安装。');
    await button(property, exactly('确认')).click();
    await sees(property, '联席会议审定中');

    const community = await review('孙干事', path, '审定备案', '审定备案，交业主共同决定。');
    await button(community, '立即开始表决').click();
    await button(community, exactly('1天')).click();
    await button(community, '确认审定').click();
    await sees(community, '公示中');
    await button(community, '开始表决').click();
    await sees(community, '表决中');

    // Owners vote on the vote page; participation shows, the split does not.
    for (const [name, choice] of [['李业主', '赞成'], ['陈主任', '反对']] as const) {
      const voter = await sessionAs(name, `/pages/proposal-vote/index?id=${id}`);
      await button(voter, exactly(choice)).click();
      await button(voter, '确认投票').click();
      await sees(voter, `您的选票：${choice}`);
    }
    const watcher = await sessionAs('王阿姨', `/pages/proposal-vote/index?id=${id}`);
    await sees(watcher, '参与人数：2 / 68 人');
    // While the vote is open nobody sees how it is going, only how many have taken part.
    expect(await shown(watcher).innerText()).not.toMatch(/赞成\s*\d+\s*人|反对\s*\d+\s*人/);

    // The window ends: the timer closes the vote, counts it and publishes the decision.
    await env.cloud().store.update('proposals', id, { set: { 'decision.endsAt': Date.now() - 1 } });
    await env.cloud().store.update('votes', id, { set: { endsAt: Date.now() - 1 } });
    await env.cloud().runTimer();

    const reader = await sessionAs('王阿姨', '/pages/notice/index');
    await shown(reader).getByText('决议公告：2栋楼道加装声控灯').filter({ visible: true }).first().click();
    await arrive(reader, 'notice-detail');
    await sees(reader, /参与表决 2 人/);
    const published = await shown(reader).innerText();
    expect(published).toContain('表决未通过');
    expect(published).toMatch(/赞成 1 人、面积 126\.50 平方米；反对 1 人/);

    const result = await sessionAs('王阿姨', `/pages/proposal-vote/index?id=${id}`);
    await sees(result, exactly('未通过'));
    await sees(result, /参与.*未达到三分之二/);
    expect(await shown(result).innerText()).toContain('68');
  }, 180_000);
});
