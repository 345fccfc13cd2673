/**
 * The local cloud's document database: MongoDB query/update semantics (which CloudBase follows)
 * over one SQLite table, plus optimistic transactions.
 *
 * Every method is synchronous (better-sqlite3), so each call is atomic with respect to every other
 * request the server handles: a conditional update can never match the same document twice.
 * Values are plain JS (numbers, strings, booleans, null, Date, arrays, objects, and the odd bson
 * class such as ObjectId); `_id` is always a string kept in its own column.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EJSON } from 'bson';

export type Doc = Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type SortSpec = Array<[string, 1 | -1]>;

/** CloudBase's code for an insert that hits an existing `_id` (docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE). */
export const DUPLICATE_WRITE = 'DATABASE_DUPLICATE_WRITE';
/** The only code on which the SDK's runTransaction retries. */
export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
/** CloudBase's code for an unknown or expired transaction. */
export const TRANSACTION_FAIL = 'DATABASE_TRANSACTION_FAIL';
export const COLLECTION_EXISTS = 'DATABASE_COLLECTION_ALREADY_EXIST';
export const MAX_LIMIT = 1000;

export class DbError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'DbError';
  }
}
const invalid = (message: string) => new DbError('INVALID_PARAM', message);
const unsupported = (message: string) => new DbError('DATABASE_REQUEST_FAILED', message);
const conflict = () => new DbError(TRANSACTION_CONFLICT, 'database transaction conflict: data changed since it was read; retry');

type Obj = Record<string, unknown>;

// ───────────────────────────── values ─────────────────────────────

export const isObj = (v: unknown): v is Obj => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const bsonType = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const isRegex = (v: unknown) => v instanceof RegExp || bsonType(v) === 'BSONRegExp';
const isIndex = (k: string) => /^\d+$/.test(k);

/** MongoDB's cross-type sort order: null < numbers < strings < objects < arrays < binary < ObjectId < booleans < dates < timestamps < regexes. */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  switch (typeof v) {
    case 'number': return 2;
    case 'string': return 3;
    case 'boolean': return 8;
  }
  if (Array.isArray(v)) return 5;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (isObj(v)) return 4;
  switch (bsonType(v)) {
    case 'MinKey': return 0;
    case 'Decimal128': case 'Long': case 'Int32': case 'Double': return 2;
    case 'Symbol': return 3;
    case 'Binary': return 6;
    case 'ObjectId': case 'ObjectID': return 7;
    case 'Timestamp': return 10;
    case 'BSONRegExp': return 11;
  }
  return 12;
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(String(v)));
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Code-point order, which is UTF-8 byte order: what MongoDB and SQLite use. UTF-16 order differs only around surrogates. */
function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  return a.codePointAt(i)! < b.codePointAt(i)! ? -1 : 1;
}

export function compare(a: unknown, b: unknown): number {
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2: {
      const x = num(a), y = num(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3: return cmpStr(String(a), String(b));
    case 4: {
      const ka = Object.keys(a as Obj), kb = Object.keys(b as Obj);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = cmpStr(ka[i], kb[i]) || compare((a as Obj)[ka[i]], (b as Obj)[kb[i]]);
        if (c) return c;
      }
      return sign(ka.length - kb.length);
    }
    case 5: {
      const x = a as unknown[], y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i], y[i]);
        if (c) return c;
      }
      return sign(x.length - y.length);
    }
    case 8: return sign(Number(a) - Number(b));
    case 9: return sign((a as Date).getTime() - (b as Date).getTime());
    case 11: {
      const [pa, oa] = regexParts(a), [pb, ob] = regexParts(b);
      return cmpStr(pa, pb) || cmpStr(oa, ob);
    }
    case 0: case 1: return 0;
    default: return cmpStr(EJSON.stringify(a as never), EJSON.stringify(b as never));
  }
}

export const equal = (a: unknown, b: unknown) => compare(a, b) === 0;

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}

const regexCache = new Map<string, RegExp>();
function toRegExp(pattern: unknown, options: unknown = ''): RegExp {
  if (typeof pattern !== 'string' || typeof options !== 'string') throw invalid('$regex needs a string pattern');
  // JS has no 'x'; 'g'/'y' would make test() stateful.
  const flags = [...new Set(options)].filter((f) => 'ims'.includes(f)).sort().join('');
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = new RegExp(pattern, flags);
    } catch {
      throw invalid(`invalid regular expression /${pattern}/`);
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}
const regexOf = (v: unknown) => toRegExp(...regexParts(v));

export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out as T;
  }
  return v;
}

/**
 * Storage form: plain JSON that SQLite's json_extract can compare. Numbers stay JSON numbers (so
 * range filters push down), Dates become {"$date": ms}, anything else bson-specific is canonical EJSON.
 */
function toStore(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toStore(x)));
  if (v instanceof Date) return { $date: v.getTime() };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $numberDouble: String(v) };
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = toStore(v[k]);
    return out;
  }
  if (v !== null && typeof v === 'object') return EJSON.serialize(v as never, { relaxed: false });
  return v;
}

function fromStore(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromStore);
  if (!isObj(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    if (keys[0] === '$date' && typeof v.$date === 'number') return new Date(v.$date);
    if (keys[0] === '$numberDouble') return Number(v.$numberDouble);
    return EJSON.deserialize(v, { relaxed: true });
  }
  const out: Obj = {};
  for (const k of keys) out[k] = fromStore(v[k]);
  return out;
}

const storeText = (v: unknown) => JSON.stringify(toStore(v));

// ───────────────────────────── paths ─────────────────────────────

function splitPath(path: string): string[] {
  const parts = path.split('.');
  for (const p of parts) {
    if (p === '') throw invalid(`invalid field path '${path}'`);
    if (p === '$' || p.startsWith('$[')) throw unsupported(`positional update '${path}' is not supported by the local cloud`);
    if (p === '__proto__') throw invalid(`invalid field name '${p}'`);
  }
  return parts;
}

/**
 * The values a dotted path reaches, expanding arrays on the way as MongoDB does; `undefined`
 * marks a branch where the path is missing (so `{a: null}` matches it).
 */
function resolve(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(v);
    return;
  }
  const key = parts[i];
  if (Array.isArray(v)) {
    if (isIndex(key)) return resolve(v[Number(key)], parts, i + 1, out);
    if (v.length === 0) out.push(undefined);
    for (const e of v) {
      if (isObj(e)) resolve(e, parts, i, out);
      else out.push(undefined);
    }
    return;
  }
  if (isObj(v)) return resolve(own(v, key), parts, i + 1, out);
  out.push(undefined);
}
const valuesAt = (doc: unknown, path: string) => {
  const out: unknown[] = [];
  resolve(doc, path.split('.'), 0, out);
  return out;
};

function getPath(doc: unknown, parts: string[]): unknown {
  let cur = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = isIndex(p) ? cur[Number(p)] : undefined;
    else if (isObj(cur)) cur = own(cur, p);
    else return undefined;
  }
  return cur;
}

function assign(container: unknown, key: string, value: unknown): void {
  if (Array.isArray(container)) {
    if (!isIndex(key)) throw invalid(`cannot use the part '${key}' to traverse an array`);
    const idx = Number(key);
    while (container.length < idx) container.push(null);
    container[idx] = value;
  } else (container as Obj)[key] = value;
}

function setPath(doc: Obj, parts: string[], value: unknown): void {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = Array.isArray(cur) ? (isIndex(parts[i]) ? cur[Number(parts[i])] : undefined) : own(cur as Obj, parts[i]);
    if (next === undefined) {
      next = {};
      assign(cur, parts[i], next);
    } else if (!isObj(next) && !Array.isArray(next)) {
      throw invalid(`cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(toStore(next))}}`);
    }
    cur = next;
  }
  assign(cur, parts[parts.length - 1], value);
}

function unsetPath(doc: Obj, parts: string[]): void {
  const parent = getPath(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    if (isIndex(last) && Number(last) < parent.length) parent[Number(last)] = null;
  } else if (isObj(parent)) delete parent[last];
}

// ───────────────────────────── matching ─────────────────────────────

const isOperatorObj = (v: unknown): v is Obj => isObj(v) && Object.keys(v).length > 0 && Object.keys(v)[0].startsWith('$');

function filterList(v: unknown, op: string): Filter[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isObj)) throw invalid(`${op} needs a non-empty array of objects`);
  return v;
}

/** Whether a document matches a MongoDB filter. */
export function matches(doc: unknown, filter: Filter): boolean {
  for (const key of Object.keys(filter)) {
    const cond = filter[key];
    switch (key) {
      case '$and': if (!filterList(cond, key).every((f) => matches(doc, f))) return false; continue;
      case '$or': if (!filterList(cond, key).some((f) => matches(doc, f))) return false; continue;
      case '$nor': if (filterList(cond, key).some((f) => matches(doc, f))) return false; continue;
      case '$comment': continue;
    }
    if (key.startsWith('$')) throw unsupported(`query operator ${key} is not supported`);
    if (!matchCond(valuesAt(doc, key), cond)) return false;
  }
  return true;
}

/** A condition on an array field holds if it holds for the array itself or for any element. */
const anyValue = (values: unknown[], test: (v: unknown) => boolean) =>
  values.some((v) => test(v) || (Array.isArray(v) && v.some(test)));

function eq(v: unknown, q: unknown, regexMatchesStrings = true): boolean {
  if (regexMatchesStrings && isRegex(q) && typeof v === 'string') return regexOf(q).test(v);
  return compare(v, q) === 0;
}

function inRange(op: string, v: unknown, q: unknown): boolean {
  if (q === null || q === undefined) return (op === '$gte' || op === '$lte') && (v === null || v === undefined);
  if (rank(v) !== rank(q)) return false;
  if (rank(q) === 2 && (Number.isNaN(num(v)) || Number.isNaN(num(q)))) {
    return (op === '$gte' || op === '$lte') && Number.isNaN(num(v)) && Number.isNaN(num(q));
  }
  const c = compare(v, q);
  return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0;
}

function needArray(v: unknown, op: string): unknown[] {
  if (!Array.isArray(v)) throw invalid(`${op} needs an array`);
  return v;
}

function matchCond(values: unknown[], cond: unknown): boolean {
  if (!isOperatorObj(cond)) return anyValue(values, (v) => eq(v, cond));
  for (const op of Object.keys(cond)) if (!matchOp(values, op, cond[op], cond)) return false;
  return true;
}

function matchOp(values: unknown[], op: string, arg: unknown, all: Obj): boolean {
  switch (op) {
    case '$eq': return anyValue(values, (v) => eq(v, arg, false));
    case '$ne': return !anyValue(values, (v) => eq(v, arg, false));
    case '$gt': case '$gte': case '$lt': case '$lte':
      return anyValue(values, (v) => inRange(op, v, arg));
    case '$in': {
      const list = needArray(arg, op);
      return anyValue(values, (v) => list.some((q) => eq(v, q)));
    }
    case '$nin': return !matchOp(values, '$in', arg, all);
    case '$exists': return values.some((v) => v !== undefined) === Boolean(arg);
    case '$not':
      if (isRegex(arg)) return !anyValue(values, (v) => eq(v, arg));
      if (!isOperatorObj(arg)) throw invalid('$not needs an operator object or a regular expression');
      return !matchCond(values, arg);
    case '$size':
      if (typeof arg !== 'number') throw invalid('$size needs a number');
      return values.some((v) => Array.isArray(v) && v.length === arg);
    case '$all': {
      const list = needArray(arg, op);
      return list.length > 0 && list.every((q) =>
        isObj(q) && '$elemMatch' in q ? matchOp(values, '$elemMatch', q.$elemMatch, q) : anyValue(values, (v) => eq(v, q)));
    }
    case '$elemMatch': {
      if (!isObj(arg)) throw invalid('$elemMatch needs an object');
      const asDoc = !isOperatorObj(arg) || ['$and', '$or', '$nor'].some((k) => k in arg);
      return values.some((v) => Array.isArray(v) && v.some((e) => (asDoc ? isObj(e) && matches(e, arg) : matchCond([e], arg))));
    }
    case '$mod': {
      const [d, r] = needArray(arg, op).map((x) => Math.trunc(Number(x)));
      if (!Number.isFinite(d) || d === 0 || !Number.isFinite(r)) throw invalid('$mod needs [divisor, remainder] with a non-zero divisor');
      return anyValue(values, (v) => typeof v === 'number' && Math.trunc(v) % d === r);
    }
    case '$regex': {
      const re = isRegex(arg) ? regexOf(arg) : toRegExp(arg, all.$options ?? '');
      return anyValue(values, (v) => typeof v === 'string' && re.test(v));
    }
    case '$options':
      if (!('$regex' in all)) throw invalid('$options needs $regex');
      return true;
    case '$type': {
      const types = (Array.isArray(arg) ? arg : [arg]).map(String);
      return anyValue(values, (v) => v !== undefined && types.some((t) => typeName(v) === t || (t === 'number' && typeof v === 'number')));
    }
    case '$near': case '$nearSphere': case '$geoWithin': case '$geoIntersects': case '$geoNear':
      throw unsupported(`geo queries (${op}) are not supported by the local cloud`);
    default:
      throw unsupported(`query operator ${op} is not supported`);
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (isObj(v)) return 'object';
  const t = bsonType(v);
  return t === 'ObjectID' || t === 'ObjectId' ? 'objectId' : t === 'BSONRegExp' ? 'regex' : String(t).toLowerCase();
}

// ───────────────────────────── SQL push-down ─────────────────────────────
// Simple conditions become a SQL pre-filter that is a superset of the true matches;
// every row is re-checked with `matches`, so only speed depends on this.

interface Sql { sql: string; params: unknown[] }
const SQL_OPS: Record<string, string> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function joinSql(parts: Sql[], glue: string): Sql {
  return { sql: `(${parts.map((p) => p.sql).join(glue)})`, params: parts.flatMap((p) => p.params) };
}
function andSql(parts: Array<Sql | null>): Sql | null {
  const kept = parts.filter((p): p is Sql => p !== null);
  return kept.length ? joinSql(kept, ' AND ') : null;
}

export function pushDown(filter: Filter): Sql | null {
  const parts: Array<Sql | null> = [];
  for (const key of Object.keys(filter)) {
    const cond = filter[key];
    if ((key === '$and' || key === '$or') && Array.isArray(cond) && cond.length > 0) {
      const subs = cond.map((f) => (isObj(f) ? pushDown(f) : null));
      if (key === '$and') parts.push(andSql(subs));
      else if (subs.every((s) => s !== null)) parts.push(joinSql(subs as Sql[], ' OR '));
    } else if (!key.startsWith('$')) {
      const ops: Array<[string, unknown]> = isOperatorObj(cond) ? Object.entries(cond) : [['$eq', cond]];
      parts.push(andSql(ops.map(([op, v]) => fieldSql(key, op, v))));
    }
  }
  return andSql(parts);
}

type Cond = (val: string, type: string) => Sql;

/** SQL for "the JSON value `val` (of json type `type`) satisfies `op v`", or null when not expressible. */
function valueCond(op: string, v: unknown): Cond | null {
  const sqlOp = SQL_OPS[op];
  if (!sqlOp) return null;
  if (typeof v === 'string') return (val) => ({ sql: `${val} ${sqlOp} ?`, params: [v] });
  if (typeof v === 'number' && Number.isFinite(v)) {
    // Non-finite numbers are stored as {"$numberDouble": …} objects, so let objects through.
    return (val, type) => ({ sql: `(${val} ${sqlOp} ? OR ${type} = 'object')`, params: [v] });
  }
  if (typeof v === 'boolean') {
    const ok = [false, true].filter((b) => (op === '$eq' ? b === v : inRange(op, b, v)));
    return (_val, type) => ({ sql: ok.length ? `${type} IN (${ok.map((b) => `'${b}'`).join(', ')})` : '0', params: [] });
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    return (val, type) => ({ sql: `(CASE WHEN ${type} = 'object' THEN json_extract(${val}, '$."$date"') END) ${sqlOp} ?`, params: [v.getTime()] });
  }
  return null;
}

function fieldSql(key: string, op: string, v: unknown): Sql | null {
  if (op === '$in') {
    if (!Array.isArray(v) || !v.length) return null;
    const conds = v.map((x) => valueCond('$eq', x));
    if (conds.some((c) => c === null)) return null;
    return leafSql(key, (val, type) => joinSql(conds.map((c) => c!(val, type)), ' OR '));
  }
  const cond = valueCond(op, v);
  return cond && leafSql(key, cond);
}

const SAFE_PART = /^[^"'\\.]+$/;
const jsonPath = (parts: string[]) => `'$${parts.map((p) => `."${p}"`).join('')}'`;

function leafSql(key: string, cond: Cond): Sql | null {
  if (key === '_id') return cond('id', `'text'`);
  const parts = key.split('.');
  if (parts[0] === '_id' || !parts.every((p) => SAFE_PART.test(p) && !isIndex(p) && !p.startsWith('$'))) return null;
  const path = jsonPath(parts);
  const direct = cond(`json_extract(body, ${path})`, `json_type(body, ${path})`);
  const elems = cond('value', 'type');
  const alternatives = [
    direct.sql,
    `(json_type(body, ${path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(body, ${path}) WHERE ${elems.sql}))`,
  ];
  // Behind an array on the way, json_extract sees nothing: let those rows through to the JS check.
  for (let i = 1; i < parts.length; i++) alternatives.push(`json_type(body, ${jsonPath(parts.slice(0, i))}) = 'array'`);
  return { sql: `(${alternatives.join(' OR ')})`, params: [...direct.params, ...elems.params] };
}

// ───────────────────────────── sort & projection ─────────────────────────────

const EMPTY_ARRAY = Symbol('empty array');

/** Arrays sort by their smallest element ascending and their largest descending; [] sorts before null. */
function sortKey(doc: unknown, path: string, dir: 1 | -1): unknown {
  const flat: unknown[] = [];
  for (const v of valuesAt(doc, path)) {
    if (Array.isArray(v)) flat.push(...v);
    else flat.push(v ?? null);
  }
  if (!flat.length) return EMPTY_ARRAY;
  return flat.reduce((best, v) => (compare(v, best) * dir < 0 ? v : best));
}
const compareKeys = (a: unknown, b: unknown) =>
  a === EMPTY_ARRAY || b === EMPTY_ARRAY ? (a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1) : compare(a, b);

export function sortDocs<T>(docs: T[], spec: SortSpec): T[] {
  if (!spec.length) return docs;
  const keyed = docs.map((d) => ({ d, keys: spec.map(([p, dir]) => sortKey(d, p, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i]);
      if (c) return c * spec[i][1];
    }
    return 0;
  });
  return keyed.map((k) => k.d);
}

export function toSortSpec(order: unknown): SortSpec {
  if (!isObj(order)) throw invalid('sort order must be an object');
  return Object.entries(order).map(([k, v]) => {
    const dir = v === 1 || v === 'asc' ? 1 : v === -1 || v === 'desc' ? -1 : 0;
    if (!dir) throw invalid(`sort direction for '${k}' must be 1 or -1`);
    splitPath(k);
    return [k, dir];
  });
}

type Tree = { [k: string]: Tree | true };
function pathTree(paths: string[]): Tree {
  const root: Tree = Object.create(null);
  for (const path of paths) {
    const parts = splitPath(path);
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      if (next === true) break;
      node = node[parts[i]] = next ?? Object.create(null);
    }
    node[parts[parts.length - 1]] = true;
  }
  return root;
}

function pick(v: unknown, tree: Tree): unknown {
  if (Array.isArray(v)) return v.filter((e) => isObj(e) || Array.isArray(e)).map((e) => pick(e, tree));
  if (!isObj(v)) return undefined;
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    const t = tree[k];
    if (t === true) out[k] = v[k];
    else if (t) {
      const sub = pick(v[k], t);
      if (sub !== undefined) out[k] = sub;
    }
  }
  return out;
}

function drop(v: unknown, tree: Tree): unknown {
  if (Array.isArray(v)) return v.map((e) => (isObj(e) || Array.isArray(e) ? drop(e, tree) : e));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    const t = tree[k];
    if (t === true) continue;
    out[k] = t ? drop(v[k], t) : v[k];
  }
  return out;
}

const truthyFlag = (v: unknown) => v === true || (typeof v === 'number' && v !== 0);

/** find() projection: inclusion or exclusion, `_id` kept unless excluded, plus `{$slice}` on arrays. */
export function project(doc: Doc, spec: Obj): Doc {
  const plain = Object.keys(spec).filter((k) => !isObj(spec[k]));
  const slices = Object.keys(spec).filter((k) => isObj(spec[k]));
  const fields = plain.filter((k) => k !== '_id');
  const include = fields.some((k) => truthyFlag(spec[k])) || (!fields.length && !slices.length && truthyFlag(spec._id));
  if (include && fields.some((k) => !truthyFlag(spec[k]))) throw invalid('projection cannot mix inclusion and exclusion');
  let out: Doc;
  if (include) {
    out = pick(doc, pathTree([...fields, ...slices])) as Doc;
    if (spec._id === undefined || truthyFlag(spec._id)) out = { _id: doc._id, ...out };
  } else {
    out = drop(doc, pathTree(fields)) as Doc;
  }
  if (spec._id !== undefined && !truthyFlag(spec._id)) delete out._id;
  for (const k of slices) {
    const s = (spec[k] as Obj).$slice;
    if (s === undefined) throw unsupported(`projection operator in '${k}' is not supported (only $slice)`);
    const parts = splitPath(k);
    const arr = getPath(out, parts);
    if (!Array.isArray(arr)) continue;
    const [skip, n] = Array.isArray(s) ? s.map(Number) : [undefined, Number(s)];
    const sliced = skip === undefined ? (n >= 0 ? arr.slice(0, n) : arr.slice(n)) : arr.slice(skip < 0 ? Math.max(arr.length + skip, 0) : skip).slice(0, n);
    setPath(out, parts, sliced);
  }
  return out;
}

// ───────────────────────────── updates ─────────────────────────────

function applyUpdate(doc: Doc, update: Obj, inserting = false): Doc {
  const keys = Object.keys(update);
  if (keys.length && !keys.every((k) => k.startsWith('$'))) {
    if (keys.some((k) => k.startsWith('$'))) throw invalid('an update cannot mix operators and plain fields');
    update = { $set: update };
  }
  const out = clone(doc);
  for (const op of Object.keys(update)) {
    const spec = update[op];
    if (!isObj(spec)) throw invalid(`${op} needs an object`);
    for (const path of Object.keys(spec)) {
      const parts = splitPath(path);
      if (parts[0] === '_id') throw invalid(`'${path}': the _id field cannot be changed`);
      applyOp(out, op, parts, spec[path], inserting);
    }
  }
  return out;
}

function arrayAt(doc: Doc, parts: string[], op: string): unknown[] {
  const cur = getPath(doc, parts);
  if (cur === undefined) return [];
  if (!Array.isArray(cur)) throw invalid(`${op} needs an array at '${parts.join('.')}'`);
  return [...cur];
}

function applyOp(doc: Doc, op: string, parts: string[], arg: unknown, inserting: boolean): void {
  const path = parts.join('.');
  switch (op) {
    case '$set': return setPath(doc, parts, clone(arg));
    case '$setOnInsert': if (inserting) setPath(doc, parts, clone(arg)); return;
    case '$unset': return unsetPath(doc, parts);
    case '$currentDate': return setPath(doc, parts, new Date());
    case '$inc': case '$mul': {
      if (typeof arg !== 'number') throw invalid(`${op} needs a number for '${path}'`);
      const cur = getPath(doc, parts);
      if (cur !== undefined && typeof cur !== 'number') throw invalid(`cannot apply ${op} to the non-numeric field '${path}'`);
      const base = (cur as number | undefined) ?? 0;
      return setPath(doc, parts, op === '$inc' ? base + arg : cur === undefined ? 0 : base * arg);
    }
    case '$min': case '$max': {
      const cur = getPath(doc, parts);
      const c = cur === undefined ? 0 : compare(arg, cur);
      if (cur === undefined || (op === '$min' ? c < 0 : c > 0)) setPath(doc, parts, clone(arg));
      return;
    }
    case '$rename': {
      if (typeof arg !== 'string') throw invalid(`$rename needs a string target for '${path}'`);
      const target = splitPath(arg);
      if (target[0] === '_id') throw invalid('the _id field cannot be changed');
      const cur = getPath(doc, parts);
      if (cur === undefined) return;
      unsetPath(doc, parts);
      return setPath(doc, target, cur);
    }
    case '$push': {
      const mods = isObj(arg) && '$each' in arg ? arg : { $each: [arg] };
      let arr = arrayAt(doc, parts, op);
      const each = needArray(mods.$each, '$each').map(clone);
      const pos = mods.$position;
      if (pos === undefined) arr.push(...each);
      else {
        if (typeof pos !== 'number' || !Number.isInteger(pos)) throw invalid('$position needs an integer');
        arr.splice(pos < 0 ? Math.max(arr.length + pos, 0) : Math.min(pos, arr.length), 0, ...each);
      }
      if (mods.$sort !== undefined) {
        const s = mods.$sort;
        arr = s === 1 || s === -1 ? [...arr].sort((a, b) => compare(a, b) * s) : sortDocs(arr, toSortSpec(s));
      }
      if (mods.$slice !== undefined) {
        const n = mods.$slice;
        if (typeof n !== 'number' || !Number.isInteger(n)) throw invalid('$slice needs an integer');
        arr = n >= 0 ? arr.slice(0, n) : arr.slice(n);
      }
      return setPath(doc, parts, arr);
    }
    case '$addToSet': {
      const items = isObj(arg) && '$each' in arg ? needArray(arg.$each, '$each') : [arg];
      const arr = arrayAt(doc, parts, op);
      for (const it of items) if (!arr.some((e) => equal(e, it))) arr.push(clone(it));
      return setPath(doc, parts, arr);
    }
    case '$pop': {
      if (arg !== 1 && arg !== -1) throw invalid('$pop needs 1 or -1');
      if (getPath(doc, parts) === undefined) return;
      const arr = arrayAt(doc, parts, op);
      return setPath(doc, parts, arg === 1 ? arr.slice(0, -1) : arr.slice(1));
    }
    case '$pull': case '$pullAll': {
      if (getPath(doc, parts) === undefined) return;
      const arr = arrayAt(doc, parts, op);
      const gone =
        op === '$pullAll' ? (e: unknown) => needArray(arg, op).some((q) => equal(e, q))
        : isOperatorObj(arg) ? (e: unknown) => matchCond([e], arg)
        : isObj(arg) ? (e: unknown) => isObj(e) && matches(e, arg)
        : (e: unknown) => eq(e, arg);
      return setPath(doc, parts, arr.filter((e) => !gone(e)));
    }
    case '$bit': {
      if (!isObj(arg)) throw invalid('$bit needs {and|or|xor: n}');
      let cur = getPath(doc, parts) ?? 0;
      if (typeof cur !== 'number') throw invalid(`cannot apply $bit to the non-numeric field '${path}'`);
      for (const [k, n] of Object.entries(arg)) {
        if (typeof n !== 'number') throw invalid('$bit needs numbers');
        cur = k === 'and' ? (cur as number) & n : k === 'or' ? (cur as number) | n : k === 'xor' ? (cur as number) ^ n : NaN;
        if (Number.isNaN(cur)) throw invalid(`unknown $bit operation '${k}'`);
      }
      return setPath(doc, parts, cur);
    }
    default:
      throw unsupported(`update operator ${op} is not supported`);
  }
}

/** The fields an upsert copies from its filter: top-level equalities. */
function upsertBase(filter: Filter): Doc {
  const base: Doc = {};
  const take = (f: Filter) => {
    for (const [k, c] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(c)) c.filter(isObj).forEach(take);
      else if (!k.startsWith('$') && !isRegex(c)) {
        if (!isOperatorObj(c)) setPath(base, splitPath(k), clone(c));
        else if (Object.keys(c).length === 1 && '$eq' in c) setPath(base, splitPath(k), clone(c.$eq));
      }
    }
  };
  take(filter);
  return base;
}

// ───────────────────────────── aggregation ─────────────────────────────

const truthy = (v: unknown) => !(v === false || v === null || v === undefined || v === 0);

function aggPath(v: unknown, parts: string[]): unknown {
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(v)) {
      const rest = parts.slice(i);
      return v.map((x) => aggPath(x, rest)).filter((x) => x !== undefined);
    }
    if (!isObj(v)) return undefined;
    v = own(v, parts[i]);
  }
  return v;
}

function evalExpr(e: unknown, doc: unknown): unknown {
  if (typeof e === 'string') {
    if (e.startsWith('$$')) {
      const [name, ...rest] = e.slice(2).split('.');
      if (name === 'ROOT' || name === 'CURRENT') return rest.length ? aggPath(doc, rest) : doc;
      if (name === 'NOW') return new Date();
      throw unsupported(`aggregation variable $$${name} is not supported`);
    }
    return e.startsWith('$') ? aggPath(doc, e.slice(1).split('.')) : e;
  }
  if (Array.isArray(e)) return e.map((x) => evalExpr(x, doc));
  if (isObj(e)) {
    const keys = Object.keys(e);
    if (keys.length === 1 && keys[0].startsWith('$')) return evalOp(keys[0], e[keys[0]], doc);
    if (keys.some((k) => k.startsWith('$'))) throw invalid(`invalid expression object with keys ${keys.join(', ')}`);
    const out: Obj = {};
    for (const k of keys) {
      const v = evalExpr(e[k], doc);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return e;
}

const isNil = (v: unknown) => v === null || v === undefined;

function evalOp(op: string, arg: unknown, doc: unknown): unknown {
  const args = () => (Array.isArray(arg) ? arg : [arg]).map((a) => evalExpr(a, doc));
  const nums = (xs: unknown[]) => {
    if (xs.some((x) => typeof x !== 'number' && !(x instanceof Date))) throw invalid(`${op} needs numbers`);
    return xs.map((x) => (x instanceof Date ? x.getTime() : (x as number)));
  };
  const two = () => {
    const xs = args();
    if (xs.length !== 2) throw invalid(`${op} needs two arguments`);
    return xs;
  };
  switch (op) {
    case '$literal': return arg;
    case '$add': {
      const xs = args();
      if (xs.some(isNil)) return null;
      const sum = nums(xs).reduce((s, x) => s + x, 0);
      return xs.some((x) => x instanceof Date) ? new Date(sum) : sum;
    }
    case '$subtract': {
      const [a, b] = two();
      if (isNil(a) || isNil(b)) return null;
      const [x, y] = nums([a, b]);
      return a instanceof Date && !(b instanceof Date) ? new Date(x - y) : x - y;
    }
    case '$multiply': { const xs = args(); return xs.some(isNil) ? null : nums(xs).reduce((p, x) => p * x, 1); }
    case '$divide': case '$mod': {
      const [a, b] = two();
      if (isNil(a) || isNil(b)) return null;
      const [x, y] = nums([a, b]);
      if (y === 0) throw invalid(`${op} by zero`);
      return op === '$divide' ? x / y : x % y;
    }
    case '$abs': case '$floor': case '$ceil': case '$trunc': {
      const [x] = args();
      return isNil(x) ? null : Math[op.slice(1) as 'abs' | 'floor' | 'ceil' | 'trunc'](nums([x])[0]);
    }
    case '$concat': { const xs = args(); return xs.some(isNil) ? null : xs.map(String).join(''); }
    case '$toLower': case '$toUpper': {
      const [x] = args();
      const s = isNil(x) ? '' : String(x);
      return op === '$toLower' ? s.toLowerCase() : s.toUpperCase();
    }
    case '$toString': { const [x] = args(); return isNil(x) ? null : x instanceof Date ? x.toISOString() : String(x); }
    case '$size': {
      const [x] = args();
      if (!Array.isArray(x)) throw invalid('$size needs an array');
      return x.length;
    }
    case '$ifNull': { const xs = args(); return xs.find((x) => !isNil(x)) ?? null; }
    case '$cond': {
      const [c, t, f] = isObj(arg) ? [arg.if, arg.then, arg.else] : needArray(arg, op);
      return evalExpr(truthy(evalExpr(c, doc)) ? t : f, doc);
    }
    case '$eq': case '$ne': case '$gt': case '$gte': case '$lt': case '$lte': case '$cmp': {
      const [a, b] = two();
      const c = compare(a, b);
      return { $eq: c === 0, $ne: c !== 0, $gt: c > 0, $gte: c >= 0, $lt: c < 0, $lte: c <= 0, $cmp: c }[op];
    }
    case '$and': return args().every(truthy);
    case '$or': return args().some(truthy);
    case '$not': return !truthy(args()[0]);
    case '$in': { const [x, list] = two(); return needArray(list, op).some((e) => equal(e, x)); }
    case '$arrayElemAt': {
      const [list, i] = two();
      if (isNil(list)) return null;
      const arr = needArray(list, op);
      const idx = nums([i])[0];
      return arr[idx < 0 ? arr.length + idx : idx];
    }
    case '$sum': case '$avg': case '$min': case '$max': {
      const xs = args();
      return accumulate(op, xs.length === 1 && Array.isArray(xs[0]) ? xs[0] : xs);
    }
    case '$year': case '$month': case '$dayOfMonth': case '$hour': case '$minute': case '$second': case '$dayOfWeek': {
      const [d] = args();
      if (isNil(d)) return null;
      if (!(d instanceof Date)) throw invalid(`${op} needs a date`);
      return {
        $year: d.getUTCFullYear(), $month: d.getUTCMonth() + 1, $dayOfMonth: d.getUTCDate(), $hour: d.getUTCHours(),
        $minute: d.getUTCMinutes(), $second: d.getUTCSeconds(), $dayOfWeek: d.getUTCDay() + 1,
      }[op];
    }
    default:
      throw unsupported(`aggregation operator ${op} is not supported by the local cloud`);
  }
}

function accumulate(op: string, vals: unknown[]): unknown {
  switch (op) {
    case '$sum': return vals.reduce((s: number, v) => (typeof v === 'number' ? s + v : s), 0);
    case '$avg': {
      const ns = vals.filter((v): v is number => typeof v === 'number');
      return ns.length ? ns.reduce((s, v) => s + v, 0) / ns.length : null;
    }
    case '$min': case '$max': {
      const present = vals.filter((v) => !isNil(v));
      if (!present.length) return null;
      return present.reduce((best, v) => (compare(v, best) * (op === '$min' ? 1 : -1) < 0 ? v : best));
    }
    case '$first': return vals.length ? (vals[0] ?? null) : null;
    case '$last': return vals.length ? (vals[vals.length - 1] ?? null) : null;
    case '$push': return vals.filter((v) => v !== undefined);
    case '$addToSet': {
      const out: unknown[] = [];
      for (const v of vals) if (v !== undefined && !out.some((o) => equal(o, v))) out.push(v);
      return out;
    }
    case '$count': return vals.length;
    default: throw unsupported(`accumulator ${op} is not supported by the local cloud`);
  }
}

const groupKey = (v: unknown) => storeText(v ?? null);

function group(docs: Doc[], spec: Obj): Doc[] {
  if (!('_id' in spec)) throw invalid('$group needs an _id');
  const groups = new Map<string, { id: unknown; docs: Doc[] }>();
  for (const d of docs) {
    const id = evalExpr(spec._id, d) ?? null;
    const k = groupKey(id);
    const g = groups.get(k) ?? { id, docs: [] };
    g.docs.push(d);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => {
    const out: Doc = { _id: g.id };
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue;
      if (!isObj(acc) || Object.keys(acc).length !== 1) throw invalid(`$group field '${field}' needs one accumulator`);
      const [op] = Object.keys(acc);
      out[field] = accumulate(op, g.docs.map((d) => evalExpr(acc[op], d)));
    }
    return out;
  });
}

function projectStage(doc: Doc, spec: Obj): Doc {
  const flat: Obj = {};
  const flatten = (o: Obj, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (isObj(v) && !isOperatorObj(v)) flatten(v, `${prefix}${k}.`);
      else flat[prefix + k] = v;
    }
  };
  flatten(spec, '');
  const isFlag = (v: unknown) => typeof v === 'boolean' || typeof v === 'number';
  const keys = Object.keys(flat);
  const excluded = keys.filter((k) => isFlag(flat[k]) && !truthyFlag(flat[k]));
  const computed = keys.filter((k) => !isFlag(flat[k]));
  const included = keys.filter((k) => isFlag(flat[k]) && truthyFlag(flat[k]));
  if (!included.length && !computed.length) return drop(doc, pathTree(excluded)) as Doc;
  if (excluded.some((k) => k !== '_id')) throw invalid('$project cannot mix inclusion and exclusion');
  let out = pick(doc, pathTree(included.filter((k) => k !== '_id'))) as Doc;
  if (!excluded.includes('_id') && doc._id !== undefined) out = { _id: doc._id, ...out };
  for (const k of computed) {
    const v = evalExpr(flat[k], doc);
    if (v !== undefined) setPath(out, splitPath(k), v);
  }
  return out;
}

const needInt = (v: unknown, what: string) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${what} needs a non-negative integer`);
  return v;
};

// ───────────────────────────── the database ─────────────────────────────

interface Row { id: string; version: number; doc: Doc }

/** What an operation reads and writes through: the committed state, or a transaction's view of it. */
interface View {
  find(coll: string, filter: Filter, max?: number): Doc[];
  get(coll: string, id: string): Doc | undefined;
  put(coll: string, id: string, doc: Doc | null): void;
}

interface Tx {
  lastUsed: number;
  /** Committed version of every document read or written, when first touched (0 = absent). */
  reads: Map<string, number>;
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
  /** where() reads: validated at commit by re-running them (catches inserts that would now match). */
  queries: Array<{ coll: string; filter: Filter; seen: string }>;
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Obj;
  tx?: string;
}

export interface UpdateOptions {
  multi?: boolean;
  upsert?: boolean;
  /** Replace the whole document (keeping `_id`) instead of applying operators. */
  replace?: boolean;
  tx?: string;
}

export interface UpdateResult { matched: number; modified: number; upsertedId?: string }

export interface DocDbOptions {
  /** An idle transaction is dropped after this long. Default 60 s. */
  txIdleMs?: number;
}

const txKey = (coll: string, id: string) => `${coll}\u0000${id}`;
const newId = () => randomBytes(16).toString('hex');
const isIdFilter = (f: Filter): f is { _id: string } => typeof f._id === 'string' && Object.keys(f).length === 1;
const fingerprint = (rows: Row[]) => rows.map((r) => `${r.id}:${r.version}`).join(',');

export function normalizeId(id: unknown): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw invalid('_id must be a non-empty string');
}

export class DocDb {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly txs = new Map<string, Tx>();
  private version: number;
  private readonly committed: View;

  private constructor(private readonly sql: Database.Database, private readonly txIdleMs: number) {
    sql.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives power loss / kill -9, not just a process crash.
    sql.pragma('synchronous = FULL');
    sql.pragma('busy_timeout = 5000');
    sql.exec(`
      CREATE TABLE IF NOT EXISTS docs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body BLOB NOT NULL, -- SQLite JSONB: json_extract reads it without re-parsing text
        UNIQUE (coll, id)
      );
      CREATE INDEX IF NOT EXISTS docs_coll_seq ON docs (coll, seq);
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
    `);
    // Versions come from one counter that only grows, so a deleted-then-recreated doc never repeats one.
    this.version = (sql.prepare('SELECT max(version) AS v FROM docs').get() as { v: number | null }).v ?? 0;
    this.committed = {
      find: (coll, filter, max) => this.scan(coll, filter, max).map((r) => r.doc),
      get: (coll, id) => this.row(coll, id)?.doc,
      put: (coll, id, doc) => this.write(coll, id, doc),
    };
  }

  static open(dataDir: string, options: DocDbOptions = {}): DocDb {
    return new DocDb(new Database(join(dataDir, 'linli.sqlite')), options.txIdleMs ?? 60_000);
  }

  close(): void {
    this.txs.clear();
    if (this.sql.open) this.sql.close();
  }

  // ── reads ──

  find(coll: string, filter: Filter, options: FindOptions = {}): Doc[] {
    const skip = options.skip ?? 0;
    const limit = Math.min(options.limit ?? 100, MAX_LIMIT);
    needInt(skip, 'offset');
    needInt(limit, 'limit');
    return this.run(options.tx, false, (view) => {
      const sorted = options.sort?.length;
      let docs = this.findIn(view, coll, filter, sorted ? undefined : skip + limit);
      if (sorted) docs = sortDocs(docs, options.sort!);
      docs = docs.slice(skip, skip + limit);
      return options.projection ? docs.map((d) => project(d, options.projection!)) : docs;
    });
  }

  count(coll: string, filter: Filter): number {
    return this.scan(coll, filter).length;
  }

  aggregate(coll: string, stages: Array<[string, unknown]>): Doc[] {
    let docs: Doc[];
    let i = 0;
    if (stages[0]?.[0] === '$match') {
      if (!isObj(stages[0][1])) throw invalid('$match needs an object');
      docs = this.scan(coll, stages[0][1]).map((r) => r.doc);
      i = 1;
    } else docs = this.scan(coll, {}).map((r) => r.doc);
    for (; i < stages.length; i++) docs = this.stage(docs, stages[i][0], stages[i][1]);
    return docs;
  }

  // ── writes ──

  insert(coll: string, docs: Doc[], tx?: string): string[] {
    return this.run(tx, true, (view) => {
      const ids = docs.map((d) => {
        if (!isObj(d)) throw invalid('each document must be an object');
        return normalizeId(d._id) ?? newId();
      });
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id) || view.get(coll, id)) {
          throw new DbError(DUPLICATE_WRITE, `duplicate key: _id '${id}' already exists in collection '${coll}'`);
        }
        seen.add(id);
      }
      docs.forEach((d, i) => view.put(coll, ids[i], { ...clone(d), _id: ids[i] }));
      return ids;
    });
  }

  update(coll: string, filter: Filter, update: Obj, options: UpdateOptions = {}): UpdateResult {
    return this.run(options.tx, true, (view) => {
      const found = this.findIn(view, coll, filter, options.multi ? undefined : 1);
      const changed = found
        .map((d) => [d, options.replace ? replacement(d._id as string, update) : applyUpdate(d, update)] as const)
        .filter(([before, after]) => storeText(before) !== storeText(after));
      if (!found.length && options.upsert) {
        const base = upsertBase(filter);
        const id = normalizeId(base._id) ?? newId();
        view.put(coll, id, options.replace ? replacement(id, update) : applyUpdate({ ...base, _id: id }, update, true));
        return { matched: 0, modified: 0, upsertedId: id };
      }
      for (const [, after] of changed) view.put(coll, after._id as string, after);
      return { matched: found.length, modified: changed.length };
    });
  }

  /** Updates the first match and returns it as it is after the update. */
  findOneAndUpdate(coll: string, filter: Filter, update: Obj, tx?: string): { doc: Doc | null; updated: number } {
    return this.run(tx, true, (view) => {
      const [before] = this.findIn(view, coll, filter, 1);
      if (!before) return { doc: null, updated: 0 };
      const after = applyUpdate(before, update);
      if (storeText(before) === storeText(after)) return { doc: after, updated: 0 };
      view.put(coll, after._id as string, after);
      return { doc: after, updated: 1 };
    });
  }

  remove(coll: string, filter: Filter, options: { multi?: boolean; tx?: string } = {}): number {
    return this.run(options.tx, true, (view) => {
      const found = this.findIn(view, coll, filter, options.multi ? undefined : 1);
      for (const d of found) view.put(coll, d._id as string, null);
      return found.length;
    });
  }

  createCollection(name: string): void {
    const known = this.stmt('SELECT 1 FROM collections WHERE name = ? UNION ALL SELECT 1 FROM docs WHERE coll = ? LIMIT 1').get(name, name);
    if (known) throw new DbError(COLLECTION_EXISTS, `collection '${name}' already exists`);
    this.stmt('INSERT INTO collections (name, created_at) VALUES (?, ?)').run(name, Date.now());
  }

  listCollections(): string[] {
    const rows = this.stmt('SELECT name FROM collections UNION SELECT DISTINCT coll FROM docs ORDER BY 1').all() as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  // ── transactions ──

  startTransaction(): string {
    this.sweep();
    const id = newId();
    this.txs.set(id, { lastUsed: Date.now(), reads: new Map(), writes: new Map(), queries: [] });
    return id;
  }

  commitTransaction(id: string): void {
    const tx = this.liveTx(id);
    this.txs.delete(id);
    this.sql.transaction(() => {
      this.checkReads(tx);
      for (const q of tx.queries) if (fingerprint(this.scan(q.coll, q.filter)) !== q.seen) throw conflict();
      for (const w of tx.writes.values()) this.write(w.coll, w.id, w.doc);
    })();
  }

  abortTransaction(id: string): void {
    this.liveTx(id);
    this.txs.delete(id);
  }

  // ── internals ──

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size > 300) this.statements.clear();
      s = this.sql.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private load(r: { id: string; version: number; body: string }): Row {
    return { id: r.id, version: r.version, doc: { _id: r.id, ...(fromStore(JSON.parse(r.body)) as Doc) } };
  }

  private row(coll: string, id: string): Row | undefined {
    const r = this.stmt('SELECT id, version, json(body) AS body FROM docs WHERE coll = ? AND id = ?').get(coll, id) as
      | { id: string; version: number; body: string }
      | undefined;
    return r && this.load(r);
  }

  /** 0 when the document does not exist. */
  private versionOf(coll: string, id: string): number {
    const r = this.stmt('SELECT version FROM docs WHERE coll = ? AND id = ?').get(coll, id) as { version: number } | undefined;
    return r?.version ?? 0;
  }

  /** Committed documents matching `filter`, in insertion order, stopping after `max`. */
  private scan(coll: string, filter: Filter, max = Infinity): Row[] {
    const pushed = pushDown(filter);
    const stmt = this.stmt(`SELECT id, version, json(body) AS body FROM docs WHERE coll = ?${pushed ? ` AND ${pushed.sql}` : ''} ORDER BY seq`);
    const out: Row[] = [];
    if (max <= 0) return out;
    for (const r of stmt.iterate(coll, ...(pushed?.params ?? [])) as IterableIterator<{ id: string; version: number; body: string }>) {
      const row = this.load(r);
      if (!matches(row.doc, filter)) continue;
      out.push(row);
      if (out.length >= max) break;
    }
    return out;
  }

  private write(coll: string, id: string, doc: Doc | null): void {
    if (doc === null) {
      this.stmt('DELETE FROM docs WHERE coll = ? AND id = ?').run(coll, id);
      return;
    }
    const { _id: _ignored, ...body } = doc;
    this.stmt(`INSERT INTO docs (coll, id, version, body) VALUES (?, ?, ?, jsonb(?))
      ON CONFLICT (coll, id) DO UPDATE SET version = excluded.version, body = excluded.body`).run(coll, id, ++this.version, storeText(body));
    this.stmt('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)').run(coll, Date.now());
  }

  private findIn(view: View, coll: string, filter: Filter, max?: number): Doc[] {
    if (isIdFilter(filter)) {
      const d = view.get(coll, filter._id);
      return d ? [d] : [];
    }
    return view.find(coll, filter, max);
  }

  private run<T>(txId: string | undefined, writes: boolean, fn: (view: View) => T): T {
    if (txId !== undefined) {
      const tx = this.liveTx(txId);
      // Fail early: once something it read has changed, this transaction can only end in a conflict.
      this.checkReads(tx);
      return fn(this.txView(tx));
    }
    return writes ? this.sql.transaction(() => fn(this.committed))() : fn(this.committed);
  }

  private txView(tx: Tx): View {
    const touch = (coll: string, id: string) => {
      const k = txKey(coll, id);
      if (!tx.reads.has(k)) tx.reads.set(k, this.versionOf(coll, id));
      return k;
    };
    return {
      get: (coll, id) => {
        const w = tx.writes.get(touch(coll, id));
        return w ? (w.doc ?? undefined) : this.row(coll, id)?.doc;
      },
      find: (coll, filter, max) => {
        const rows = this.scan(coll, filter);
        tx.queries.push({ coll, filter, seen: fingerprint(rows) });
        const docs = rows.filter((r) => !tx.writes.has(txKey(coll, r.id))).map((r) => r.doc);
        for (const w of tx.writes.values()) if (w.coll === coll && w.doc && matches(w.doc, filter)) docs.push(w.doc);
        return max === undefined ? docs : docs.slice(0, max);
      },
      put: (coll, id, doc) => {
        tx.writes.set(touch(coll, id), { coll, id, doc });
      },
    };
  }

  private checkReads(tx: Tx): void {
    for (const [k, version] of tx.reads) {
      const [coll, id] = k.split('\u0000');
      if (this.versionOf(coll, id) !== version) throw conflict();
    }
  }

  private liveTx(id: string): Tx {
    this.sweep();
    const tx = this.txs.get(id);
    if (!tx) throw new DbError(TRANSACTION_FAIL, `transaction '${id}' does not exist or has expired (idle over ${this.txIdleMs / 1000} s)`);
    tx.lastUsed = Date.now();
    return tx;
  }

  private sweep(): void {
    const cutoff = Date.now() - this.txIdleMs;
    for (const [id, tx] of this.txs) if (tx.lastUsed < cutoff) this.txs.delete(id);
  }

  private stage(docs: Doc[], name: string, spec: unknown): Doc[] {
    const obj = () => {
      if (!isObj(spec)) throw invalid(`${name} needs an object`);
      return spec;
    };
    switch (name) {
      case '$match': return docs.filter((d) => matches(d, obj()));
      case '$sort': return sortDocs(docs, toSortSpec(spec));
      case '$skip': return docs.slice(needInt(spec, '$skip'));
      case '$limit': return docs.slice(0, needInt(spec, '$limit'));
      case '$project': return docs.map((d) => projectStage(d, obj()));
      case '$addFields': case '$set': {
        const s = obj();
        return docs.map((d) => {
          const out = clone(d);
          for (const k of Object.keys(s)) setPath(out, splitPath(k), evalExpr(s[k], d));
          return out;
        });
      }
      case '$unset': {
        const paths = (Array.isArray(spec) ? spec : [spec]).map((p) => {
          if (typeof p !== 'string') throw invalid('$unset needs field names');
          return p;
        });
        return docs.map((d) => drop(d, pathTree(paths)) as Doc);
      }
      case '$group': return group(docs, obj());
      case '$count': {
        if (typeof spec !== 'string' || !spec || spec.startsWith('$') || spec.includes('.')) throw invalid('$count needs a field name');
        return docs.length ? [{ [spec]: docs.length }] : [];
      }
      case '$sortByCount': {
        const counted = group(docs, { _id: spec, count: { $sum: 1 } });
        return sortDocs(counted, [['count', -1]]);
      }
      case '$unwind': {
        const s = typeof spec === 'string' ? { path: spec } : obj();
        if (typeof s.path !== 'string' || !s.path.startsWith('$')) throw invalid('$unwind needs a path starting with $');
        const parts = splitPath(s.path.slice(1));
        const index = typeof s.includeArrayIndex === 'string' ? splitPath(s.includeArrayIndex) : undefined;
        const out: Doc[] = [];
        for (const d of docs) {
          const v = getPath(d, parts);
          const items = Array.isArray(v) ? v : isNil(v) ? [] : [v];
          items.forEach((item, i) => {
            const c = clone(d);
            setPath(c, parts, clone(item));
            if (index) setPath(c, index, Array.isArray(v) ? i : null);
            out.push(c);
          });
          if (!items.length && s.preserveNullAndEmptyArrays === true) {
            const c = clone(d);
            if (index) setPath(c, index, null);
            out.push(c);
          }
        }
        return out;
      }
      case '$replaceRoot': case '$replaceWith': {
        const expr = name === '$replaceRoot' ? obj().newRoot : spec;
        return docs.map((d) => {
          const root = evalExpr(expr, d);
          if (!isObj(root)) throw invalid(`${name} needs an expression that gives an object`);
          return root;
        });
      }
      case '$sample': {
        const size = needInt(obj().size, '$sample.size');
        const pool = [...docs];
        for (let i = pool.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [pool[i], pool[j]] = [pool[j], pool[i]];
        }
        return pool.slice(0, size);
      }
      case '$lookup': {
        const { from, localField, foreignField, as } = obj();
        if ([from, localField, foreignField, as].some((x) => typeof x !== 'string')) {
          throw unsupported('$lookup supports only {from, localField, foreignField, as}');
        }
        const foreign = this.scan(from as string, {}).map((r) => r.doc);
        const flat = (d: unknown, path: string) => valuesAt(d, path).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
        return docs.map((d) => {
          const mine = flat(d, localField as string);
          const joined = foreign.filter((f) => flat(f, foreignField as string).some((v) => mine.some((m) => equal(m, v))));
          const out = clone(d);
          setPath(out, splitPath(as as string), joined);
          return out;
        });
      }
      default:
        throw unsupported(`aggregation stage ${name} is not supported by the local cloud`);
    }
  }
}

function replacement(id: string, data: Obj): Doc {
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalid('a replacement document cannot contain update operators');
  const { _id, ...rest } = data;
  if (_id !== undefined && normalizeId(_id) !== id) throw invalid('the _id field cannot be changed');
  return { _id: id, ...clone(rest) };
}
