/**
 * The `/admin` endpoint's database actions, as `@cloudbase/node-sdk` 3.18.3 speaks them
 * (see shared/CLOUDBASE-HTTP.md §3–4). Every answer is a JSON body for HTTP 200; errors are
 * `{code, message, requestId}`, which the SDK turns into a thrown TcbError.
 */
import { randomUUID } from 'node:crypto';
import { EJSON } from 'bson';
import {
  DbError, DocDb, MAX_LIMIT, isObj, normalizeId, toSortSpec,
  type Doc, type Filter,
} from './docdb';

export { DUPLICATE_WRITE, TRANSACTION_CONFLICT, TRANSACTION_FAIL, COLLECTION_EXISTS } from './docdb';
/** The code answered when an insert hits an existing `_id` (CloudBase's DATABASE_DUPLICATE_WRITE). */
export { DUPLICATE_WRITE as DUPLICATE_KEY_CODE } from './docdb';

type Body = Record<string, unknown>;
type Obj = Record<string, unknown>;

const invalid = (message: string) => new DbError('INVALID_PARAM', message);

// ───────────────────────────── decoding ─────────────────────────────

const REGEX_OPTIONS = 'imxslu';

/**
 * Walks raw JSON before bson sees it: rejects `__proto__` keys, and drops regex flags bson refuses
 * (the SDK passes a JS RegExp's flags through, so `/x/g` arrives with "g" and would make bson throw).
 */
function sanitize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sanitize);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Obj;
  const out: Obj = {};
  for (const k of Object.keys(o)) {
    if (k === '__proto__' || k.split('.').includes('__proto__')) throw invalid('field names may not be __proto__');
    out[k] = sanitize(o[k]);
  }
  const re = out.$regularExpression;
  if (isObj(re) && typeof re.options === 'string') {
    out.$regularExpression = { ...re, options: [...new Set(re.options)].filter((f) => REGEX_OPTIONS.includes(f)).sort().join('') };
  }
  if (typeof out.$regex === 'string' && typeof out.$options === 'string') {
    out.$options = [...new Set(out.$options)].filter((f) => REGEX_OPTIONS.includes(f)).join('');
  }
  return out;
}

/** Plain JS values: relaxed EJSON numbers, `Long` as a number, `db.serverDate()` as the server's clock. */
function revive(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => revive(x, now));
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = isObj(v.$tcb_server_date) ? Number(v.$tcb_server_date.offset ?? 0) : 0;
      return new Date(now + (Number.isFinite(offset) ? offset : 0));
    }
    const out: Obj = {};
    for (const k of keys) out[k] = revive(v[k], now);
    return out;
  }
  const t = v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
  // Only integers beyond 2^53 arrive as Long; JS callers could not have sent them exactly anyway.
  if (t === 'Long' || t === 'Int32' || t === 'Double') return Number(String(v));
  return v;
}

function decode(value: unknown, what: string, now: number): unknown {
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw invalid(`${what} is not valid JSON`);
    }
  }
  let parsed: unknown;
  try {
    parsed = EJSON.deserialize(sanitize(raw) as never, { relaxed: true });
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw invalid(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return revive(parsed, now);
}

function decodeObj(value: unknown, what: string, now: number): Obj {
  const v = decode(value, what, now);
  if (!isObj(v)) throw invalid(`${what} must be an object`);
  return v;
}

const encodeDoc = (doc: Doc) => EJSON.stringify(doc as never, { relaxed: false });

// ───────────────────────────── request fields ─────────────────────────────

function collectionName(b: Body): string {
  const name = b.collectionName;
  if (typeof name !== 'string' || !/^[^\u0000-\u001f]{1,128}$/.test(name)) throw invalid('collectionName must be a non-empty string');
  return name;
}

function txId(b: Body): string | undefined {
  const id = b.transactionId;
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string') throw invalid('transactionId must be a string');
  return id;
}

function query(b: Body, now: number): { filter: Filter; isDoc: boolean } {
  const isDoc = b.queryType === 'DOC';
  const filter = b.query === undefined || b.query === null || b.query === '' ? {} : decodeObj(b.query, 'query', now);
  if (!isDoc) return { filter, isDoc };
  const id = normalizeId(filter._id);
  if (id === undefined) throw invalid('a DOC query needs an _id');
  return { filter: { _id: id }, isDoc };
}

const isMulti = (b: Body, isDoc: boolean) => !isDoc && b.multi !== false;

function limitOf(b: Body): number {
  const n = Number(b.limit);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_LIMIT) : 100;
}

function offsetOf(b: Body): number {
  const n = Number(b.offset ?? 0);
  if (!Number.isInteger(n) || n < 0) throw invalid('offset must be a non-negative integer');
  return n;
}

// ───────────────────────────── actions ─────────────────────────────

type Handler = (b: Body, now: number) => Obj;

function handlers(db: DocDb): Record<string, Handler> {
  return {
    'database.getDocument': (b, now) => {
      const { filter, isDoc } = query(b, now);
      const docs = db.find(collectionName(b), filter, {
        tx: txId(b),
        limit: isDoc ? 1 : limitOf(b),
        skip: isDoc ? 0 : offsetOf(b),
        sort: b.order ? toSortSpec(decode(b.order, 'order', now)) : undefined,
        projection: b.projection ? decodeObj(b.projection, 'projection', now) : undefined,
      });
      return { data: { list: docs.map(encodeDoc) } };
    },

    'database.calculateDocument': (b, now) => ({ data: { total: db.count(collectionName(b), query(b, now).filter) } }),

    'database.insertDocument': (b, now) => {
      const items = Array.isArray(b.data) ? b.data : [b.data];
      if (!items.length) throw invalid('data must hold at least one document');
      const docs = items.map((d, i) => decodeObj(d, `data[${i}]`, now));
      return { data: { insertedIds: db.insert(collectionName(b), docs, txId(b)) } };
    },

    'database.modifyDocument': (b, now) => {
      const { filter, isDoc } = query(b, now);
      const data = b.data === undefined || b.data === '' ? {} : decodeObj(b.data, 'data', now);
      const r = db.update(collectionName(b), filter, data, {
        multi: isMulti(b, isDoc),
        upsert: b.upsert === true,
        replace: b.merge === false,
        tx: txId(b),
      });
      return { data: { updated: r.modified, ...(r.upsertedId !== undefined ? { upsert_id: r.upsertedId } : {}) } };
    },

    'database.modifyAndReturnDoc': (b, now) => {
      const data = decodeObj(b.data, 'data', now);
      const r = db.findOneAndUpdate(collectionName(b), query(b, now).filter, data, txId(b));
      return { data: { updated: r.updated, doc: r.doc ? encodeDoc(r.doc) : null } };
    },

    'database.removeDocument': (b, now) => {
      const { filter, isDoc } = query(b, now);
      return { data: { deleted: db.remove(collectionName(b), filter, { multi: isMulti(b, isDoc), tx: txId(b) }) } };
    },

    'database.aggregateDocuments': (b, now) => {
      if (!Array.isArray(b.stages)) throw invalid('stages must be an array');
      const stages = b.stages.map((s, i): [string, unknown] => {
        if (!isObj(s) || typeof s.stageKey !== 'string' || s.stageValue === undefined) throw invalid(`stages[${i}] needs stageKey and stageValue`);
        return [s.stageKey, decode(s.stageValue, `stages[${i}]`, now)];
      });
      return { data: { list: db.aggregate(collectionName(b), stages).map(encodeDoc) } };
    },

    'database.addCollection': (b) => {
      db.createCollection(collectionName(b));
      return {};
    },

    'database.startTransaction': () => ({ transactionId: db.startTransaction() }),

    'database.commitTransaction': (b) => {
      const id = txId(b);
      if (!id) throw invalid('transactionId is required');
      db.commitTransaction(id);
      return {};
    },

    'database.abortTransaction': (b) => {
      const id = txId(b);
      if (!id) throw invalid('transactionId is required');
      db.abortTransaction(id);
      return {};
    },
  };
}

export function createAdmin(db: DocDb): (body: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>> {
  const table = handlers(db);
  return (body) => {
    const requestId = randomUUID();
    try {
      if (!isObj(body)) throw invalid('the request body must be a JSON object');
      const action = body.action;
      const handler = typeof action === 'string' && Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
      if (!handler) {
        return { code: 'INVALID_ACTION', message: `action ${JSON.stringify(action)} is not supported by the local cloud`, requestId };
      }
      return { ...handler(body, Date.now()), requestId };
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
      // A bug or an input shape nothing anticipated: answer, never take the server down.
      console.error('[localcloud/admin]', body?.action, e);
      return { code: 'SYS_ERR', message: `local cloud internal error: ${(e as Error)?.message ?? String(e)}`, requestId };
    }
  };
}
