/**
 * Issue 5 as people meet it: 王阿姨 posts a wish; 张志愿 finds it on the wall, claims it and
 * marks it fulfilled; 王阿姨 confirms; 张志愿's points show the credit.
 */
import type { Page } from 'playwright-core';
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('a micro-wish from posting to points, in the browser', () => {
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
  /** The page on screen: earlier pages stay in the DOM, hidden, with the same buttons. */
  const shown = (page: Page) => page.locator('.taro_page.taro_page_show.taro_page_stationed').last();
  const button = (page: Page, text: string | RegExp) => shown(page).locator('taro-button-core', { hasText: text }).filter({ visible: true }).first();
  const sees = (page: Page, text: string | RegExp) => shown(page).getByText(text).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
  /** Waits until `name`'s page has slid in and settled (the previous page stays in the DOM until then). */
  const arrive = (page: Page, name: string) => page.locator(`.taro_page.taro_page_show.taro_page_stationed[id^="/pages/${name}/index"]`).last().waitFor({ timeout: 30_000 });
  const balance = async (page: Page) => Number((await page.locator('.points-balance').filter({ visible: true }).first().textContent())?.trim());

  it('runs post → claim → fulfil → confirm, and the volunteer’s points rise by the wish’s points', async () => {
    const volunteer = await sessionAs('张志愿', '/pages/points/index');
    await volunteer.locator('.points-balance').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    const before = await balance(volunteer);

    // 王阿姨 posts a wish.
    const resident = await sessionAs('王阿姨', '/pages/wish/index');
    await button(resident, '发布心愿').click();
    await arrive(resident, 'wish-post');
    await resident.locator('input[placeholder="例如：请人帮忙换个灯泡"]').fill('帮忙修一下晾衣架');
    await resident.locator('textarea[placeholder="说说需要什么帮助、什么时候方便"]').fill('阳台的晾衣架摇不下来了，请会修的邻居帮忙看看');
    await button(resident, '助老助残').click();
    await button(resident, /^\s*发布\s*$/).click();
    await resident.waitForURL(/pages\/wish-detail\/index\?id=/, { timeout: 15_000 });
    const wishPath = new URL(resident.url()).hash.slice(1);
    await arrive(resident, 'wish-detail');
    await sees(resident, '帮忙修一下晾衣架');

    // 张志愿 finds it on the wall (王* · 3栋), claims it and marks it fulfilled.
    await volunteer.goto(`${env.cloud().url}/#/pages/wish/index`);
    await volunteer.reload(); // a fresh app there: no earlier page instance left in the DOM
    await arrive(volunteer, 'wish');
    await shown(volunteer).getByText('帮忙修一下晾衣架').filter({ visible: true }).first().click();
    await arrive(volunteer, 'wish-detail');
    await button(volunteer, '我来认领').click();
    await button(volunteer, '标记已完成').click();
    await volunteer.locator('textarea[placeholder="写一写帮了什么、怎么完成的"]').fill('换了一个新的摇杆，已经能用了');
    await button(volunteer, '提交完成情况').click();
    await sees(volunteer, '已提交完成情况，等待居民确认。');

    // 王阿姨 confirms.
    await resident.goto(`${env.cloud().url}/#${wishPath}`);
    await resident.reload(); // the same address it was on: load it afresh
    await arrive(resident, 'wish-detail');
    await button(resident, '确认已完成').click();
    await sees(resident, /已完成/);
    await resident.locator('taro-button-core', { hasText: '确认已完成' }).filter({ visible: true }).waitFor({ state: 'detached', timeout: 15_000 });

    // 张志愿's points show the credit, with the wish named in the history.
    await volunteer.goto(`${env.cloud().url}/#/pages/points/index`);
    await volunteer.reload();
    await arrive(volunteer, 'points');
    await sees(volunteer, '帮忙修一下晾衣架');
    expect(await balance(volunteer)).toBe(before + 10);
  }, 120_000);
});
