/**
 * The walking skeleton as a person meets it: headless Chromium opens the H5 app served by the
 * local cloud, logs in as a demo resident through the dev login, and lands on 首页 with her
 * name. Needs Debian's chromium; skips (saying so) where it is absent, fails in CI.
 */
import { browserAndCloud, chromiumAvailable, settled } from '../helpers/browser';

const available = chromiumAvailable();

(available ? describe : describe.skip)('H5 app in headless Chromium', () => {
  const env = browserAndCloud();

  it('dev-logs in as a demo resident and greets her by name on 首页', async () => {
    const page = await env.browser().newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${env.cloud().url}/`);
    // No one is logged in yet: the app sends us to the dev login.
    await page.waitForURL(/pages\/devlogin\/index/, { timeout: 20_000 });
    await settled(page);
    await page.locator('taro-button-core', { hasText: '王阿姨' }).first().click();
    await page.waitForURL(/pages\/home\/index/);
    await settled(page);
    const greeting = page.locator('.home-greeting').filter({ visible: true });
    await greeting.waitFor({ timeout: 15_000 });
    expect(await greeting.textContent()).toContain('王阿姨');
    if (process.env.LINLI_SCREENSHOT) await page.screenshot({ path: process.env.LINLI_SCREENSHOT });
    expect(errors).toEqual([]);
  }, 60_000);
});
