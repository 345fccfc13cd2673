import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
