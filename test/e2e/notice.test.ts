/**
 * Issue 4 as people meet it: the property manager (刘经理) publishes a notice to building 3;
 * a resident there (王阿姨, 3栋) sees an unread badge, finds the notice, opens it, and the
 * read count the manager sees rises.
 */
import type { Page } from 'playwright-core';
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('a notice to one building, in the browser', () => {
  const env = browserAndCloud();

  async function sessionAs(name: string, path: string): Promise<Page> {
    const context = await env.browser().newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${env.cloud().url}/#/pages/devlogin/index`);
    await settled(page);
    await page.locator('taro-button-core', { hasText: name }).first().click();
    await page.waitForURL(/pages\/home\/index/);
    await page.goto(`${env.cloud().url}/#${path}`);
    await settled(page);
    return page;
  }
  const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core', { hasText: text }).filter({ visible: true }).first();

  it('reaches building 3 with a badge, and its read count rises when opened', async () => {
    const manager = await sessionAs('刘经理', '/pages/notice/index');
    await button(manager, '发布公告').click();
    await manager.waitForURL(/pages\/notice-edit\/index/);
    await settled(manager);
    await manager.locator('input[placeholder="请输入标题"]').fill('3栋电梯检修通知');
    await manager.locator('textarea[placeholder="请输入正文"]').fill('本周二上午9点至12点检修3栋电梯，请走楼梯。');
    await manager.locator('input[placeholder="楼栋，用逗号分隔（不填为全体）"]').fill('3');
    await button(manager, /^\s*发布\s*$/).click();
    await manager.getByText('公告已发布').filter({ visible: true }).first().waitFor({ timeout: 15_000 });

    const resident = await sessionAs('王阿姨', '/pages/notice/index');
    await resident.locator('.taro-tabbar-badge').filter({ visible: true }).first().waitFor({ timeout: 15_000 });
    await resident.getByText('3栋电梯检修通知').filter({ visible: true }).first().click();
    await resident.waitForURL(/pages\/notice-detail\/index/);
    await settled(resident);
    await resident.locator('.notice-title').filter({ hasText: '3栋电梯检修通知' }).first().waitFor();
    expect(await resident.locator('.notice-read-count').filter({ visible: true }).first().textContent()).toContain('已读 1 人');

    // Someone in building 1 does not see it.
    const other = await sessionAs('李业主', '/pages/notice/index');
    await other.getByText('的公告').filter({ visible: true }).first().waitFor();
    expect(await other.getByText('3栋电梯检修通知').count()).toBe(0);
  }, 120_000);
});
