/**
 * The Store port over `@cloudbase/node-sdk`: the production data path. Against the local cloud
 * the same code runs, pointed there by `TCB_CONTEXT_CNFG`; nothing here knows which it is.
 */
import { AppError } from '../src/core/shared/errors';
import type { Change, Condition, Doc, Fields, FindOptions, Page, Scalar, SortDirection, Store, TxStore, Where } from '../src/core/shared/ports';

/* The SDK's database types are loose (any-typed builders); keep them out of the core's sight. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = any;

/** Codes CloudBase answers when an insert hits an existing `_id`. */
const DUPLICATE_CODES = new Set(['DATABASE_DUPLICATE_WRITE', 'DATABASE_DUPLICATE_KEY']);
/** The code on which a transaction lost a race and may be run again. */
const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
/** Attempts before a transaction that keeps losing races answers CONFLICT. */
const MAX_TX_ATTEMPTS = 12;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function duplicateToConflict(e: unknown): never {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && DUPLICATE_CODES.has(code)) throw new AppError('CONFLICT', '该记录已存在');
  throw e;
}

export function createCloudbaseStore(db: Db): Store {
  const _ = db.command;

  const condition = (c: Condition) => {
    if (!isPlainObject(c)) {
      if (c === undefined) throw new AppError('INVALID_INPUT', '查询条件缺少取值');
      return c;
    }
    const parts: unknown[] = [];
    for (const [op, v] of Object.entries(c)) {
      if (v === undefined) continue;
      switch (op) {
        case '$eq': parts.push(_.eq(v)); break;
        case '$ne': parts.push(_.neq(v)); break;
        case '$gt': parts.push(_.gt(v)); break;
        case '$gte': parts.push(_.gte(v)); break;
        case '$lt': parts.push(_.lt(v)); break;
        case '$lte': parts.push(_.lte(v)); break;
        case '$in': parts.push(_.in(v)); break;
        case '$nin': parts.push(_.nin(v)); break;
        case '$exists': parts.push(_.exists(v)); break;
        default: throw new Error(`unsupported condition ${op}`);
      }
    }
    if (parts.length === 0) throw new AppError('INVALID_INPUT', '查询条件为空');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return parts.reduce((acc: any, p) => acc.and(p));
  };

  const where = (w: Where = {}) => Object.fromEntries(Object.entries(w).map(([k, c]) => [k, condition(c)]));

  /** Plain objects would be flattened into dotted paths (a merge); `set` means replace. */
  const changeData = (change: Change): Fields => {
    const data: Fields = {};
    for (const [k, v] of Object.entries(change.set ?? {})) data[k] = isPlainObject(v) || Array.isArray(v) ? _.set(v) : v;
    for (const [k, n] of Object.entries(change.inc ?? {})) data[k] = _.inc(n);
    for (const k of change.unset ?? []) data[k] = _.remove();
    if (Object.keys(data).length === 0) throw new AppError('INVALID_INPUT', '没有要修改的内容');
    return data;
  };

  const txStore = (tx: Db): TxStore => ({
    async get<T extends Doc>(collection: string, id: string) {
      const res = await tx.collection(collection).doc(id).get();
      return (res.data ?? null) as T | null;
    },
    async insert(collection, doc) {
      await tx.collection(collection).add({ ...doc }).catch(duplicateToConflict);
      return doc._id;
    },
    async update(collection, id, change) {
      const res = await tx.collection(collection).doc(id).update(changeData(change));
      return res.updated > 0;
    },
    async delete(collection, id) {
      const res = await tx.collection(collection).doc(id).remove();
      return res.deleted > 0;
    },
  });

  return {
    async get<T extends Doc>(collection: string, id: string) {
      const res = await db.collection(collection).doc(id).get();
      return ((res.data as T[])[0] ?? null) as T | null;
    },

    async find<T extends Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
      const order: Array<[string, SortDirection]> = [...(options.orderBy ?? []).filter(([f]) => f !== '_id'), ['_id', 'asc']];
      let query = where(options.where);
      if (options.cursor) {
        const after = decodeCursor(options.cursor, order.length);
        query = _.and([query, _.or(afterCursor(_, order, after))]);
      }
      let q = db.collection(collection).where(query);
      for (const [field, dir] of order) q = q.orderBy(field, dir);
      const res = await q.limit(limit + 1).get();
      const docs = res.data as T[];
      const items = docs.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor = docs.length > limit && last ? encodeCursor(order.map(([f]) => readPath(last, f))) : null;
      return { items, nextCursor };
    },

    async count(collection, w) {
      const res = await db.collection(collection).where(where(w)).count();
      return res.total as number;
    },

    async insert(collection, doc) {
      if (typeof doc._id === 'string') {
        await db.collection(collection).add({ ...doc }).catch(duplicateToConflict);
        return doc._id;
      }
      const res = await db.collection(collection).add({ ...doc }).catch(duplicateToConflict);
      return res.id as string;
    },

    async update(collection, id, change, when) {
      const res = await db.collection(collection).where({ ...where(when), _id: id }).update(changeData(change));
      return res.updated > 0;
    },

    async updateMany(collection, w, change) {
      const res = await db.collection(collection).where(where(w)).update(changeData(change));
      return res.updated as number;
    },

    async delete(collection, id) {
      const res = await db.collection(collection).doc(id).remove();
      return res.deleted > 0;
    },

    async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          // One attempt per call (times 0): the SDK's own retries come at once, so racers that
          // collided would collide again; here each waits a random, growing while first.
          return await db.runTransaction((tx: Db) => work(txStore(tx)), 0);
        } catch (e) {
          if ((e as { code?: unknown })?.code !== TRANSACTION_CONFLICT) throw e;
          if (attempt >= MAX_TX_ATTEMPTS) throw new AppError('CONFLICT', '同时操作的人太多，请稍后再试');
          await new Promise((ok) => setTimeout(ok, Math.random() * Math.min(250, 8 * 2 ** attempt)));
        }
      }
    },
  };
}

function readPath(doc: unknown, path: string): Scalar {
  let v: unknown = doc;
  for (const key of path.split('.')) v = isPlainObject(v) ? v[key] : undefined;
  return v === undefined ? null : (v as Scalar);
}

/** Keyset paging: rows strictly after the last one under the sort, whatever was inserted since. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function afterCursor(_: any, order: Array<[string, SortDirection]>, after: Scalar[]) {
  return order.map(([field, dir], i) => {
    const clause: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) clause[order[j][0]] = _.eq(after[j]);
    clause[field] = dir === 'asc' ? _.gt(after[i]) : _.lt(after[i]);
    return clause;
  });
}

function encodeCursor(values: Scalar[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, length: number): Scalar[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
    if (Array.isArray(values) && values.length === length && values.every(scalar)) return values;
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_INPUT', '翻页参数无效，请刷新后重试');
}
