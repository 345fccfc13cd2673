import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, line } from '../shared/schemas';

export interface EstateView {
  id: string;
  name: string;
  community: string;
  city: string;
}

export interface HomeView {
  id: string;
  building: string;
  unit: string;
  room: string;
  /** 3栋2单元501 */
  label: string;
}

export interface ImportError {
  /** 1-based line of the CSV file; the header is line 1. */
  line: number;
  reason: string;
}

export interface ImportReport {
  /** False when any row was bad: then nothing was written. */
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

/** The largest CSV accepted in one call (about 2,000 homes); larger estates import by building. */
export const MAX_CSV_CHARS = 60_000;

/** The `estate` function: the estate register (小区, 楼栋, 单元, 房屋). */
export const estateApi = {
  list: action<EstateView[]>()({
    summary: '列出可加入的小区（供新用户申请绑定房屋时选择）',
    input: z.object({}).strict(),
    reply: '[{ id, name, community, city }]',
  }),
  create: action<EstateView>()({
    summary: '新建小区（社区角色）；创建者在新小区获得社区角色，并切换到该小区',
    input: z.object({ name: line(40), community: line(40), city: line(20) }).strict(),
    reply: '{ id, name, community, city }',
  }),
  importHomes: action<ImportReport>()({
    summary:
      '从 CSV 导入当前小区的房屋（社区角色）。列：building,unit,room,area[,ownerKey][,developerHeld]（或 楼栋,单元,房号,面积,产权人,开发商持有）。任一行有误则不导入任何行；重复导入同一文件不改变任何数据',
    input: z.object({ csv: z.string().min(1).max(MAX_CSV_CHARS) }).strict(),
    reply: '{ applied, rows, created, updated, unchanged, errors: [{ line, reason }] }',
  }),
  homes: action<{ items: HomeView[]; nextCursor: string | null }>()({
    summary: '当前小区的房屋（按楼栋、单元、房号排序，分页），供申请绑定时选择',
    input: z.object({ building: line(20).optional(), cursor: cursor() }).strict(),
    reply: '{ items: [{ id, building, unit, room, label }], nextCursor }',
  }),
};
