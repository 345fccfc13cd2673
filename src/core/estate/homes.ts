/**
 * Homes: identity and the CSV register import (pure). A home's id is made from its estate,
 * building, unit and room, so importing the same row twice can only ever find the same home.
 */
import type { ImportError } from './api';
import type { Home } from './types';

const hex = (s: string) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');

export const homeId = (estateId: string, building: string, unit: string, room: string) => `${estateId}.${hex(building)}.${hex(unit)}.${hex(room)}`;

/** Numbers inside names compare as numbers: each run of digits is padded to the same width. */
const natural = (s: string) => s.replace(/\d+/g, (d) => d.padStart(8, '0'));
export const homeSortKey = (building: string, unit: string, room: string) => [building, unit, room].map(natural).join('|');

/** Who counts as one owner in an owners' vote: a buyer's key, the developer, or the home itself. */
export const ownerOfRecord = (home: Pick<Home, '_id' | 'ownerKey' | 'developerHeld'>): string =>
  home.developerHeld ? 'developer' : (home.ownerKey ?? home._id);

/** A register row as read from the CSV: a home without its ids, and the line it came from. */
export type HomeRow = Omit<Home, '_id' | 'estateId' | 'sortKey'> & { line: number };

type Column = 'building' | 'unit' | 'room' | 'area' | 'ownerKey' | 'developerHeld';
const REQUIRED: Column[] = ['building', 'unit', 'room', 'area'];
const COLUMN_LABELS: Record<Column, string> = { building: '楼栋', unit: '单元', room: '房号', area: '面积', ownerKey: '产权人', developerHeld: '开发商持有' };
const HEADER_NAMES: Record<string, Column> = {
  building: 'building', 楼栋: 'building', 楼号: 'building',
  unit: 'unit', 单元: 'unit',
  room: 'room', 房号: 'room', 室号: 'room',
  area: 'area', 面积: 'area', '面积(m²)': 'area', '面积（m²）': 'area',
  ownerkey: 'ownerKey', owner_key: 'ownerKey', 产权人: 'ownerKey', 产权人编号: 'ownerKey',
  developerheld: 'developerHeld', developer_held: 'developerHeld', 开发商持有: 'developerHeld',
};
const TRUE = new Set(['1', 'true', 'yes', 'y', '是']);
const FALSE = new Set(['', '0', 'false', 'no', 'n', '否']);
export const MAX_ROWS = 5000;
const MAX_AREA_DM2 = 1_000_000; // 10,000 m²

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes, newlines. */
function records(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      start = ++line;
    } else field += c;
  }
  if (field !== '' || fields.length) fields.push(field), out.push({ line: start, fields });
  return out;
}

const parseArea = (s: string): number | null => {
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [int, frac = ''] = s.split('.');
  const dm2 = Number(int) * 100 + Number(frac.padEnd(2, '0'));
  return dm2 > 0 && dm2 <= MAX_AREA_DM2 ? dm2 : null;
};

const badText = (s: string, max: number) => s.length === 0 || s.length > max || /[\u0000-\u001f\u007f]/.test(s);

/** Reads the register CSV; any error is reported with its line, and then no row may be used. */
export function parseHomesCsv(text: string): { rows: HomeRow[]; errors: ImportError[] } {
  const all = records(text.replace(/^\uFEFF/, '')).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const errors: ImportError[] = [];
  if (all.length === 0) return { rows: [], errors: [{ line: 1, reason: '文件是空的：第一行应为表头 building,unit,room,area' }] };
  const [header, ...body] = all;
  const columns: Array<Column | null> = header.fields.map((f) => HEADER_NAMES[f.trim().toLowerCase()] ?? HEADER_NAMES[f.trim()] ?? null);
  const unknown = header.fields.filter((_, i) => columns[i] === null);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) errors.push({ line: header.line, reason: `缺少列：${missing.map((c) => `${c}（${COLUMN_LABELS[c]}）`).join('、')}` });
  if (unknown.length) errors.push({ line: header.line, reason: `不认识的列：${unknown.join('、')}` });
  if (errors.length) return { rows: [], errors };
  if (body.length > MAX_ROWS) return { rows: [], errors: [{ line: header.line, reason: `一次最多导入 ${MAX_ROWS} 行，请按楼栋分批导入` }] };

  const rows: HomeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    if (fields.length !== columns.length) {
      errors.push({ line, reason: `列数不对：应为 ${columns.length} 列，实为 ${fields.length} 列` });
      continue;
    }
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : fields[i].trim();
    };
    const [building, unit, room, area, ownerKey, developer] = [get('building'), get('unit'), get('room'), get('area'), get('ownerKey'), get('developerHeld').toLowerCase()];
    const problems: string[] = [];
    if (badText(building, 10)) problems.push('楼栋不能为空，最多 10 个字');
    if (badText(unit, 10)) problems.push('单元不能为空，最多 10 个字');
    if (badText(room, 10)) problems.push('房号不能为空，最多 10 个字');
    const areaDm2 = parseArea(area);
    if (areaDm2 === null) problems.push(`面积“${area}”有误：应为大于 0 的平方米数，最多两位小数`);
    if (ownerKey.length > 64) problems.push('产权人编号最多 64 个字');
    if (!TRUE.has(developer) && !FALSE.has(developer)) problems.push(`开发商持有“${developer}”有误：应为 是/否 或 1/0`);
    const key = `${building}\u0000${unit}\u0000${room}`;
    const first = seen.get(key);
    if (first !== undefined && !badText(room, 10)) problems.push(`与第 ${first} 行重复（同一楼栋、单元、房号）`);
    if (problems.length) {
      errors.push({ line, reason: problems.join('；') });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, building, unit, room, areaDm2: areaDm2!, ownerKey: ownerKey || null, developerHeld: TRUE.has(developer) });
  }
  return errors.length ? { rows: [], errors } : { rows, errors };
}
