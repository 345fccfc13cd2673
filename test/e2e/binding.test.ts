/**
 * Issue 3 as people meet it, in headless Chromium: a visitor (周先生) applies to bind a home,
 * the party branch (赵书记) approves it in another browser session, and the visitor now sees
 * 已认证 on 我的.
 */
import type { Page } from 'playwright-core';
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('binding a home, in the browser', () => {
  const env = browserAndCloud();

  /** A new browser session (its own storage) logged in as a demo person, on 我的. */
  async function sessionAs(name: string): Promise<Page> {
    const context = await env.browser().newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${env.cloud().url}/#/pages/devlogin/index`);
    await settled(page);
    await page.locator('taro-button-core', { hasText: name }).first().click();
    await page.waitForURL(/pages\/home\/index/);
    await page.goto(`${env.cloud().url}/#/pages/me/index`);
    await settled(page);
    return page;
  }

  const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text }).filter({ visible: true }).first();

  it('visitor applies, branch approves, visitor sees 已认证', async () => {
    const visitor = await sessionAs('周先生');
    await button(visitor, '申请绑定房屋').click();
    await visitor.waitForURL(/pages\/bind\/index/);
    await settled(visitor);
    // 周先生 has not chosen an estate yet.
    await visitor.getByText('幸福里小区', { exact: false }).filter({ visible: true }).first().click();
    await visitor.getByText('1栋1单元101').filter({ visible: true }).first().click();
    await visitor.getByText('业主', { exact: true }).filter({ visible: true }).first().click();
    await visitor.locator('input[placeholder="请输入真实姓名"]').fill('周建华');
    await visitor.locator('input[placeholder="请输入手机号"]').fill('13512345678');
    await button(visitor, '提交申请').click();
    await visitor.getByText('待审核').filter({ visible: true }).first().waitFor({ timeout: 15_000 });

    const staff = await sessionAs('赵书记');
    await button(staff, '审核绑定申请').click();
    await staff.waitForURL(/pages\/binding-review\/index/);
    await settled(staff);
    await staff.getByText('周建华').filter({ visible: true }).first().waitFor();
    await button(staff, '通过').click();
    await staff.getByText('暂无待审核的申请').filter({ visible: true }).first().waitFor({ timeout: 15_000 });

    await visitor.goto(`${env.cloud().url}/#/pages/me/index`);
    await visitor.reload();
    await settled(visitor);
    const status = visitor.locator('.binding-status').filter({ visible: true }).first();
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain('已认证');
  }, 120_000);
});
