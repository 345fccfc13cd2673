/** Importing the home register from CSV, through the `estate` function: all or nothing, idempotent. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ESTATE_A } from '../helpers/fixtures';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const homesOfBuilding = async (building: string) =>
  (await cloud.store.find('homes', { where: { estateId: ESTATE_A, building }, orderBy: [['room', 'asc']], limit: 100 })).items;
const importCsv = (csv: string, as = 'demo-community') => cloud.call('estate', { action: 'importHomes', csv }, as);

const GOOD = ['building,unit,room,area,ownerKey,developerHeld', '7,1,101,89.37,,0', '7,1,102,126.50,buyer-a,0', '7,1,201,72.80,buyer-a,0', '7,2,101,143.25,,1'].join('\n');

it('imports a good file', async () => {
  const reply = await importCsv(GOOD);
  expect(reply).toEqual({ ok: true, data: { applied: true, rows: 4, created: 4, updated: 0, unchanged: 0, errors: [] } });
  const homes = await homesOfBuilding('7');
  expect(homes.map((h: any) => [h.unit, h.room, h.areaDm2, h.ownerKey, h.developerHeld])).toEqual([
    ['1', '101', 8937, null, false],
    ['2', '101', 14325, null, true],
    ['1', '102', 12650, 'buyer-a', false],
    ['1', '201', 7280, 'buyer-a', false],
  ]);
});

it('lists homes in the order people count them', async () => {
  await importCsv('building,unit,room,area\n7,1,1001,90\n');
  const reply = await cloud.call('estate', { action: 'homes', building: '7' }, 'demo-resident');
  expect(reply.data.items.map((h: { label: string }) => h.label)).toEqual(['7栋1单元101', '7栋1单元102', '7栋1单元201', '7栋1单元1001', '7栋2单元101']);
  await cloud.store.delete('homes', reply.data.items[3].id);
});

it('changes nothing when the same file is imported again', async () => {
  const before = await homesOfBuilding('7');
  const total = await cloud.store.count('homes');
  const reply = await importCsv(GOOD);
  expect(reply.data).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4 });
  expect(await homesOfBuilding('7')).toEqual(before);
  expect(await cloud.store.count('homes')).toBe(total);
});

it('updates a corrected area and leaves the rest', async () => {
  const reply = await importCsv(GOOD.replace('7,1,101,89.37', '7,1,101,89.40'));
  expect(reply.data).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 3 });
  expect((await homesOfBuilding('7')).find((h: any) => h.room === '101' && h.unit === '1')).toMatchObject({ areaDm2: 8940 });
});

it('imports nothing when any row is bad, and says which lines and why', async () => {
  const total = await cloud.store.count('homes');
  const reply = await importCsv(['building,unit,room,area', '8,1,101,90', '8,1,102,九十', '8,1,101,91', '8,1,103,95'].join('\n'));
  expect(reply.ok).toBe(true);
  expect(reply.data.applied).toBe(false);
  expect(reply.data.errors).toEqual([
    { line: 3, reason: '面积“九十”有误：应为大于 0 的平方米数，最多两位小数' },
    { line: 4, reason: '与第 2 行重复（同一楼栋、单元、房号）' },
  ]);
  expect(await cloud.store.count('homes')).toBe(total);
  expect(await homesOfBuilding('8')).toEqual([]);
});

it('imports nothing when a column is missing', async () => {
  const total = await cloud.store.count('homes');
  const reply = await importCsv('building,room,area\n8,101,90\n');
  expect(reply.data).toMatchObject({ applied: false, errors: [{ line: 1, reason: '缺少列：unit（单元）' }] });
  expect(await cloud.store.count('homes')).toBe(total);
});

it('is the community role’s alone, and only for its current estate', async () => {
  const reply = await importCsv('building,unit,room,area\n9,1,101,90\n', 'demo-property');
  expect(reply.error.code).toBe('FORBIDDEN');
  expect(await homesOfBuilding('9')).toEqual([]);
});
