/**
 * The builds that `npm test` runs first (scripts/test.mjs): the weapp in miniprogram/, the H5
 * app in dist/, the bundled functions. Run through `npm test`, not bare jest, to have them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import appConfig from '../../src/app.config';

const ROOT = join(__dirname, '..', '..');
const need = (path: string) => {
  if (!existsSync(path)) throw new Error(`${path} is missing: run the builds with \`npm test\` (or npm run build)`);
  return path;
};

describe('the weapp build', () => {
  it('writes app.json listing every page and the five tabs', () => {
    const appJson = JSON.parse(readFileSync(need(join(ROOT, 'miniprogram', 'app.json')), 'utf8'));
    expect(appJson.pages).toEqual(appConfig.pages);
    expect(appJson.tabBar.list.map((t: { text: string }) => t.text)).toEqual(['首页', '心愿', '议事', '公告', '我的']);
    for (const page of appJson.pages as string[]) expect(existsSync(join(ROOT, 'miniprogram', `${page}.js`))).toBe(true);
  });

  it('is found by WeChat DevTools where project.config.json says', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8'));
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
  });
});

describe('the H5 build', () => {
  it('writes an index.html that loads the app', () => {
    const html = readFileSync(need(join(ROOT, 'dist', 'index.html')), 'utf8');
    expect(html).toMatch(/<script[^>]+src="\/[^"]+\.js"/);
  });
});

describe('the function bundles', () => {
  it('are single files CloudBase can run, exporting main', () => {
    const bundle = need(join(ROOT, 'cloudfunctions', 'auth', 'index.js'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(bundle).main).toBe('function');
    const config = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', 'auth', 'config.json'), 'utf8'));
    expect(config.timeout).toBeGreaterThan(0);
  });
});
