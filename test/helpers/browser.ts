import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestCloud, type TestCloud } from './cloud';

const DIST = join(__dirname, '..', '..', 'dist');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; in CI a missing Chromium is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run must install it (apt-get install -y chromium)`);
  console.warn(`Skipping the browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** Waits until Taro's page transition has settled, so what we read is what a person sees. */
export async function settled(page: Page) {
  await page.locator('.taro_page.taro_page_show.taro_page_stationed').last().waitFor();
}

/**
 * For a browser suite: a local cloud serving the H5 build, and a browser, both started before
 * the suite's tests and closed after them (or jest would hang).
 */
export function browserAndCloud(): { cloud: () => TestCloud; browser: () => Browser } {
  let cloud: TestCloud | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run the H5 build (npm test does)');
    cloud = await startTestCloud({ staticDir: DIST });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
  });
  return { cloud: () => cloud!, browser: () => browser! };
}
