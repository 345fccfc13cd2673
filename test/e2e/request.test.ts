/**
 * Issue 7 as people meet it: 王阿姨 reports a broken elevator; 刘经理 accepts it, takes it and
 * resolves it with a note; 王阿姨 confirms and rates it; 陈主任's dashboard counts it.
 */
import type { Page } from 'playwright-core';
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('a request around the closed loop, in the browser', () => {
  const env = browserAndCloud();

  async function sessionAs(name: string, path: string): Promise<Page> {
    const context = await env.browser().newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${env.cloud().url}/#/pages/devlogin/index`);
    await settled(page);
    await page.locator('taro-button-core', { hasText: name }).first().click();
    await page.waitForURL(/pages\/home\/index/);
    await page.goto(`${env.cloud().url}/#${path}`);
    await page.reload();
    await arrive(page, path.split('/')[2].split('?')[0]);
    return page;
  }
  const shown = (page: Page) => page.locator('.taro_page.taro_page_show.taro_page_stationed').last();
  const arrive = (page: Page, name: string) => page.locator(`.taro_page.taro_page_show.taro_page_stationed[id^="/pages/${name}/index"]`).last().waitFor({ timeout: 30_000 });
  const button = (page: Page, text: string | RegExp) => shown(page).locator('taro-button-core', { hasText: text }).filter({ visible: true }).first();
  const sees = (page: Page, text: string | RegExp) => shown(page).getByText(text).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
  const exactly = (text: string) => new RegExp(`^\\s*${text}\\s*$`);

  it('runs report → accept → resolve → confirm with a rating, and the dashboard counts it', async () => {
    const resident = await sessionAs('王阿姨', '/pages/request/index');
    await button(resident, '我要报事').click();
    await arrive(resident, 'request-new');
    await button(resident, exactly('电梯')).click();
    await button(resident, exactly('紧急')).click();
    await button(resident, exactly('某栋楼')).click();
    await shown(resident).locator('input[placeholder="楼栋号，例如 3"]').fill('3');
    await shown(resident).locator('textarea[placeholder="请描述遇到的问题"]').fill('3栋电梯门关不上，一直报警');
    await button(resident, exactly('提交')).click();
    await resident.waitForURL(/pages\/request-detail\/index\?id=/, { timeout: 30_000 });
    const path = new URL(resident.url()).hash.slice(1);
    await arrive(resident, 'request-detail');
    await sees(resident, '3栋电梯门关不上，一直报警');

    // 刘经理 finds it at the top of the queue (urgent: 2 h to accept) and takes it.
    const manager = await sessionAs('刘经理', '/pages/request-queue/index');
    await shown(manager).getByText('3栋电梯门关不上，一直报警').filter({ visible: true }).first().click();
    await arrive(manager, 'request-detail');
    await button(manager, exactly('受理')).click();
    await button(manager, '我来处理').click();
    await button(manager, '确认派单').click();
    await button(manager, exactly('处理完成')).click();
    await shown(manager).locator('textarea[placeholder="处理结果"]').fill('更换了电梯门机皮带，门已能正常关闭');
    await button(manager, '提交处理结果').click();
    await sees(manager, /待您确认|已处理/);

    // 王阿姨 confirms and rates it.
    const back = await sessionAs('王阿姨', path);
    await button(back, exactly('确认解决')).click();
    for (let i = 0; i < 3; i++) await button(back, exactly('5')).click();
    await button(back, '提交评价').click();
    await sees(back, /已结案/);

    // The dashboard counts it.
    const chair = await sessionAs('陈主任', '/pages/request-dashboard/index');
    await sees(chair, '诉求总数');
    const elevator = shown(chair).locator('.request-bar-row', { hasText: '电梯' }).filter({ visible: true }).first();
    await elevator.waitFor({ timeout: 30_000 });
    expect(await elevator.locator('.request-bar-count').textContent()).toBe('1 件');
  }, 180_000);
});
