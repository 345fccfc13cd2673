/**
 * The document engine directly: MongoDB query/update semantics, SQL push-down agreeing with the
 * JS matcher, transactions, EJSON round-trips through the admin layer, and durability.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { EJSON } from 'bson';
import { DocDb, DbError, matches, pushDown, sortDocs, project, type Doc, type Filter } from '../../localcloud/docdb';
import { createAdmin } from '../../localcloud/admin';

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-docdb-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DbError) return e.code;
    throw e;
  }
  return undefined;
}

describe('matching follows MongoDB', () => {
  const doc = {
    _id: 'x',
    n: 5,
    s: 'hello',
    nil: null,
    tags: ['a', 'b'],
    nums: [1, 7],
    nested: { k: 1, deep: { z: true } },
    items: [{ x: 1, y: 'p' }, { x: 2 }],
    when: new Date(1000),
    empty: [],
  };
  const cases: Array<[Filter, boolean]> = [
    [{ n: 5 }, true],
    [{ n: 5.0 }, true],
    [{ n: '5' }, false],
    [{ n: { $gt: 4, $lt: 6 } }, true],
    [{ n: { $gt: 'a' } }, false], // no cross-type range matches
    [{ s: { $gt: 5 } }, false],
    [{ missing: null }, true],
    [{ nil: null }, true],
    [{ n: null }, false],
    [{ missing: { $exists: false } }, true],
    [{ nil: { $exists: true } }, true],
    [{ missing: { $ne: 1 } }, true],
    [{ missing: { $gte: null } }, true],
    [{ missing: { $gt: null } }, false],
    [{ tags: 'a' }, true],
    [{ tags: ['a', 'b'] }, true],
    [{ tags: ['b', 'a'] }, false],
    [{ tags: { $all: ['b', 'a'] } }, true],
    [{ tags: { $all: [] } }, false],
    [{ tags: { $size: 2 } }, true],
    [{ tags: { $ne: 'a' } }, false],
    [{ tags: { $nin: ['c'] } }, true],
    [{ nums: { $gt: 6, $lt: 2 } }, true], // different elements may satisfy each bound
    [{ nums: { $elemMatch: { $gt: 6, $lt: 2 } } }, false],
    [{ nums: { $elemMatch: { $gt: 6, $lt: 8 } } }, true],
    [{ 'items.x': 2 }, true],
    [{ 'items.y': null }, true], // the second item has no y
    [{ 'items.1.x': 2 }, true],
    [{ 'items.0.x': 2 }, false],
    [{ items: { $elemMatch: { x: 1, y: 'p' } } }, true],
    [{ items: { $elemMatch: { x: 2, y: 'p' } } }, false],
    [{ 'nested.deep.z': true }, true],
    [{ nested: { k: 1, deep: { z: true } } }, true],
    [{ nested: { deep: { z: true }, k: 1 } }, false], // whole-subdocument equality is order-sensitive
    [{ nested: { k: 1 } }, false],
    [{ s: /^HEL/i }, true],
    [{ s: { $regex: '^hel', $options: '' } }, true],
    [{ s: { $not: /^h/ } }, false],
    [{ n: { $not: { $gt: 6 } } }, true],
    [{ n: { $in: [1, /x/, 5] } }, true],
    [{ s: { $in: [/^he/] } }, true],
    [{ n: { $mod: [2, 1] } }, true],
    [{ when: { $gte: new Date(1000) } }, true],
    [{ when: { $gt: 999 } }, false],
    [{ empty: { $size: 0 } }, true],
    [{ empty: null }, false],
    [{ $or: [{ n: 1 }, { s: 'hello' }] }, true],
    [{ $and: [{ n: 5 }, { s: 'nope' }] }, false],
    [{ $nor: [{ n: 1 }] }, true],
    [{ n: { $type: 'int' } }, true],
  ];
  test.each(cases)('%j → %s', (filter, expected) => {
    expect(matches(doc, filter)).toBe(expected);
  });

  test('unknown operators are errors', () => {
    expect(codeOf(() => matches(doc, { n: { $near: 1 } }))).toBe('DATABASE_REQUEST_FAILED');
    expect(codeOf(() => matches(doc, { $where: 'true' }))).toBe('DATABASE_REQUEST_FAILED');
    expect(codeOf(() => matches(doc, { $or: [] }))).toBe('INVALID_PARAM');
  });
});

describe('sorting and projection', () => {
  test('MongoDB cross-type order, missing as null, arrays by min/max element', () => {
    const docs: Doc[] = [
      { _id: 'date', v: new Date(0) },
      { _id: 'bool', v: false },
      { _id: 'str', v: 'a' },
      { _id: 'num', v: 3 },
      { _id: 'missing' },
      { _id: 'null', v: null },
      { _id: 'obj', v: { a: 1 } },
      { _id: 'arr', v: [10, 0.5] },
    ];
    expect(sortDocs(docs, [['v', 1]]).map((d) => d._id)).toEqual(['missing', 'null', 'arr', 'num', 'str', 'obj', 'bool', 'date']);
    expect(sortDocs(docs, [['v', -1]]).map((d) => d._id)).toEqual(['date', 'bool', 'obj', 'str', 'arr', 'num', 'missing', 'null']);
    const multi = [{ _id: 1, g: 'b', n: 1 }, { _id: 2, g: 'a', n: 1 }, { _id: 3, g: 'a', n: 2 }];
    expect(sortDocs(multi, [['g', 1], ['n', -1]]).map((d) => d._id)).toEqual([3, 2, 1]);
  });

  test('inclusion, exclusion, _id and $slice', () => {
    const d = { _id: 'p', a: 1, b: { c: 2, d: 3 }, list: [{ x: 1, y: 2 }, { x: 3, y: 4 }], arr: [1, 2, 3, 4] };
    expect(project(d, { a: 1 })).toEqual({ _id: 'p', a: 1 });
    expect(project(d, { 'b.c': 1, _id: 0 })).toEqual({ b: { c: 2 } });
    expect(project(d, { 'list.x': 1 })).toEqual({ _id: 'p', list: [{ x: 1 }, { x: 3 }] });
    expect(project(d, { b: 0, list: 0, arr: 0 })).toEqual({ _id: 'p', a: 1 });
    expect(project(d, { 'b.d': 0, list: 0, arr: 0, a: 0, _id: 0 })).toEqual({ b: { c: 2 } });
    expect(project(d, { arr: { $slice: -2 }, a: 1 })).toEqual({ _id: 'p', a: 1, arr: [3, 4] });
    expect(codeOf(() => project(d, { a: 1, b: 0 }))).toBe('INVALID_PARAM');
  });
});

describe('DocDb', () => {
  let db: DocDb;
  beforeEach(() => {
    db = DocDb.open(tempDir());
  });
  afterEach(() => db.close());

  const one = (coll: string, id: string) => db.find(coll, { _id: id })[0];

  test('insert generates 32-hex ids, rejects a duplicate _id atomically', () => {
    const [id] = db.insert('c', [{ a: 1 }]);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    db.insert('c', [{ _id: 'k', a: 1 }]);
    expect(codeOf(() => db.insert('c', [{ _id: 'fresh' }, { _id: 'k' }]))).toBe('DATABASE_DUPLICATE_WRITE');
    expect(codeOf(() => db.insert('c', [{ _id: 'twice' }, { _id: 'twice' }]))).toBe('DATABASE_DUPLICATE_WRITE');
    expect(one('c', 'fresh')).toBeUndefined(); // the whole batch was refused
    expect(codeOf(() => db.insert('c', [{ _id: { not: 'a string' } }]))).toBe('INVALID_PARAM');
  });

  test('update operators, dotted paths and modified counts', () => {
    db.insert('u', [{ _id: 'd', n: 1, arr: [3, 1, 2], s: 'x', o: { a: 1 } }]);
    const upd = (u: Record<string, unknown>) => db.update('u', { _id: 'd' }, u);
    expect(upd({ $set: { 'x.y.z': 1, 'o.b': 2 }, $inc: { n: 2, fresh: 5 }, $mul: { none: 3 } })).toEqual({ matched: 1, modified: 1 });
    expect(one('u', 'd')).toMatchObject({ n: 3, fresh: 5, none: 0, x: { y: { z: 1 } }, o: { a: 1, b: 2 } });
    expect(upd({ $set: { n: 3 } })).toEqual({ matched: 1, modified: 0 });
    upd({ $push: { arr: { $each: [9, 0], $position: 1, $sort: 1, $slice: 4 } } });
    expect(one('u', 'd').arr).toEqual([0, 1, 2, 3]);
    upd({ $pull: { arr: { $gte: 2 } }, $addToSet: { set: { $each: [1, 1, 2] } }, $min: { n: 1 }, $max: { m: 7 } });
    expect(one('u', 'd')).toMatchObject({ arr: [0, 1], set: [1, 2], n: 1, m: 7 });
    upd({ $pullAll: { set: [2] }, $pop: { arr: -1 }, $rename: { s: 'renamed' }, $unset: { 'o.a': '' } });
    expect(one('u', 'd')).toMatchObject({ arr: [1], set: [1], renamed: 'x', o: { b: 2 } });
    expect(one('u', 'd').s).toBeUndefined();
    upd({ $set: { 'arr.3': 'far' } });
    expect(one('u', 'd').arr).toEqual([1, null, null, 'far']);
    expect(codeOf(() => upd({ $inc: { renamed: 1 } }))).toBe('INVALID_PARAM');
    expect(codeOf(() => upd({ $set: { 'renamed.sub': 1 } }))).toBe('INVALID_PARAM');
    expect(codeOf(() => upd({ $set: { _id: 'other' } }))).toBe('INVALID_PARAM');
    expect(codeOf(() => upd({ $frobnicate: { a: 1 } }))).toBe('DATABASE_REQUEST_FAILED');
    // replace keeps _id; upsert creates
    db.update('u', { _id: 'd' }, { only: 1 }, { replace: true });
    expect(one('u', 'd')).toEqual({ _id: 'd', only: 1 });
    expect(db.update('u', { _id: 'new' }, { v: 1 }, { replace: true, upsert: true })).toEqual({ matched: 0, modified: 0, upsertedId: 'new' });
    expect(one('u', 'new')).toEqual({ _id: 'new', v: 1 });
  });

  test('a conditional update can only match once', () => {
    db.insert('t', [{ _id: 'job', status: 'open' }]);
    const claim = () => db.update('t', { _id: 'job', status: 'open' }, { $set: { status: 'taken' } }).modified;
    expect([claim(), claim(), claim()]).toEqual([1, 0, 0]);
  });

  test('limit, offset and the 1000 cap', () => {
    db.insert('big', Array.from({ length: 1200 }, (_x, i) => ({ i })));
    expect(db.find('big', {}, { limit: 5000 })).toHaveLength(1000);
    expect(db.find('big', { i: { $gte: 100 } }, { skip: 10, limit: 3 }).map((d) => d.i)).toEqual([110, 111, 112]);
    expect(db.find('big', {}, { sort: [['i', -1]], limit: 2 }).map((d) => d.i)).toEqual([1199, 1198]);
    expect(db.count('big', { i: { $lt: 50 } })).toBe(50);
  });

  test('remove, single and multi', () => {
    db.insert('r', [{ k: 1 }, { k: 1 }, { k: 2 }]);
    expect(db.remove('r', { k: 1 })).toBe(1);
    expect(db.remove('r', {}, { multi: true })).toBe(2);
    expect(db.count('r', {})).toBe(0);
  });

  test('aggregation stages', () => {
    db.insert('sales', [
      { item: 'a', qty: 2, price: 10, tags: ['x', 'y'] },
      { item: 'b', qty: 1, price: 5, tags: ['y'] },
      { item: 'a', qty: 3, price: 10, tags: [] },
    ]);
    expect(db.aggregate('sales', [
      ['$group', { _id: '$item', qty: { $sum: '$qty' }, n: { $sum: 1 }, revenue: { $sum: { $multiply: ['$qty', '$price'] } }, firstQty: { $first: '$qty' } }],
      ['$sort', { _id: 1 }],
    ])).toEqual([
      { _id: 'a', qty: 5, n: 2, revenue: 50, firstQty: 2 },
      { _id: 'b', qty: 1, n: 1, revenue: 5, firstQty: 1 },
    ]);
    expect(db.aggregate('sales', [['$unwind', '$tags'], ['$sortByCount', '$tags']])).toEqual([{ _id: 'y', count: 2 }, { _id: 'x', count: 1 }]);
    expect(db.aggregate('sales', [['$match', { qty: { $gt: 5 } }], ['$count', 'n']])).toEqual([]);
    expect(db.aggregate('sales', [['$group', { _id: null, avg: { $avg: '$qty' }, max: { $max: '$qty' } }]])).toEqual([{ _id: null, avg: 2, max: 3 }]);
    expect(codeOf(() => db.aggregate('sales', [['$facet', {}]]))).toBe('DATABASE_REQUEST_FAILED');
  });

  test('collections: created once', () => {
    db.createCollection('made');
    expect(codeOf(() => db.createCollection('made'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    db.insert('implicit', [{}]);
    expect(codeOf(() => db.createCollection('implicit'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    expect(db.listCollections()).toEqual(['implicit', 'made']);
  });
});

describe('SQL push-down agrees with the JS matcher', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pickOne = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const scalars = [0, 1, 2, 2.5, -1, 'a', 'b', 'ab', '', true, false, null, new Date(0), new Date(5000), Infinity, -Infinity, NaN];
  const value = (depth = 0): unknown => {
    const r = rnd();
    if (r < 0.55 || depth > 1) return pickOne(scalars);
    if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(depth + 1));
    if (r < 0.9) return { c: value(depth + 1), d: pickOne(scalars) };
    return [{ c: pickOne(scalars) }, { c: pickOne(scalars) }];
  };
  const docs: Doc[] = Array.from({ length: 400 }, (_x, i) => {
    const d: Doc = { _id: `d${String(i).padStart(3, '0')}` };
    for (const f of ['a', 'b', 'n']) if (rnd() < 0.85) d[f] = value();
    return d;
  });
  const filterValue = () => pickOne(scalars.filter((s) => s !== null && !(typeof s === 'number' && !Number.isFinite(s))));
  const leaf = (): Filter => {
    const field = pickOne(['a', 'b', 'n', 'b.c', 'a.c', '_id']);
    const op = pickOne(['eq', '$eq', '$gt', '$gte', '$lt', '$lte', '$in', 'range']);
    const v = field === '_id' ? pickOne(['d010', 'd200', 'd399', 'zzz']) : filterValue();
    if (op === 'eq') return { [field]: v };
    if (op === '$in') return { [field]: { $in: [v, filterValue()] } };
    if (op === 'range') return { [field]: { $gte: v, $lt: filterValue() } };
    return { [field]: { [op]: v } };
  };
  const filters: Filter[] = Array.from({ length: 300 }, () => {
    const r = rnd();
    if (r < 0.6) return leaf();
    if (r < 0.8) return { $or: [leaf(), leaf()] };
    return { $and: [leaf(), leaf()], ...leaf() };
  });

  let db: DocDb;
  beforeAll(() => {
    db = DocDb.open(tempDir());
    db.insert('p', docs);
  });
  afterAll(() => db.close());

  test('every generated filter pushes something down', () => {
    for (const f of filters) expect(pushDown(f)).not.toBeNull();
  });

  test('every generated filter gives exactly the JS matcher\'s documents', () => {
    let nonEmpty = 0;
    for (const f of filters) {
      const expected = docs.filter((d) => matches(d, f)).map((d) => d._id);
      const got = db.find('p', f, { limit: 1000 }).map((d) => d._id);
      if (got.join() !== expected.join()) throw new Error(`mismatch for ${EJSON.stringify(f as never)}: got ${got.join()} expected ${expected.join()}`);
      if (expected.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  test('round-trip keeps every stored value', () => {
    expect(db.find('p', {}, { limit: 1000 })).toEqual(docs);
  });
});

describe('transactions', () => {
  let db: DocDb;
  beforeEach(() => {
    db = DocDb.open(tempDir(), { txIdleMs: 200 });
    db.insert('c', [{ _id: 'k', v: 1 }]);
  });
  afterEach(() => db.close());

  test('reads see committed state plus own writes; nothing leaks before commit', () => {
    const tx = db.startTransaction();
    db.update('c', { _id: 'k' }, { $inc: { v: 1 } }, { tx });
    db.insert('c', [{ _id: 'n', v: 9 }], tx);
    expect(db.find('c', { v: { $gte: 2 } }, { tx, sort: [['v', 1]] })).toEqual([{ _id: 'k', v: 2 }, { _id: 'n', v: 9 }]);
    expect(db.find('c', {})).toEqual([{ _id: 'k', v: 1 }]);
    db.commitTransaction(tx);
    expect(db.find('c', {}, { sort: [['v', 1]] })).toEqual([{ _id: 'k', v: 2 }, { _id: 'n', v: 9 }]);
  });

  test('a document changed after it was read is a conflict, and nothing is applied', () => {
    const tx = db.startTransaction();
    db.find('c', { _id: 'k' }, { tx });
    db.insert('c', [{ _id: 'side', v: 0 }], tx);
    db.update('c', { _id: 'k' }, { $set: { v: 100 } });
    expect(codeOf(() => db.commitTransaction(tx))).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.find('c', { _id: 'side' })).toEqual([]);
    expect(codeOf(() => db.commitTransaction(tx))).toBe('DATABASE_TRANSACTION_FAIL'); // gone after the conflict
  });

  test('blind writes conflict too (write-write)', () => {
    const a = db.startTransaction();
    const b = db.startTransaction();
    db.update('c', { _id: 'k' }, { $inc: { v: 1 } }, { tx: a });
    db.update('c', { _id: 'k' }, { $inc: { v: 10 } }, { tx: b });
    db.commitTransaction(a);
    expect(codeOf(() => db.commitTransaction(b))).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.find('c', { _id: 'k' })[0].v).toBe(2);
  });

  test('a read of a missing document conflicts with its later insertion', () => {
    const tx = db.startTransaction();
    expect(db.find('c', { _id: 'ghost' }, { tx })).toEqual([]);
    db.insert('c', [{ _id: 'ghost' }]);
    // Detected at the next operation already, not only at commit.
    expect(codeOf(() => db.insert('c', [{ _id: 'ghost' }], tx))).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('a where() read conflicts with an insert that would now match (phantom)', () => {
    const tx = db.startTransaction();
    expect(db.find('c', { email: 'e@x' }, { tx })).toEqual([]);
    db.insert('c', [{ email: 'e@x' }]);
    db.insert('c', [{ email: 'e@x' }], tx);
    expect(codeOf(() => db.commitTransaction(tx))).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.count('c', { email: 'e@x' })).toBe(1);
  });

  test('unrelated changes do not conflict', () => {
    const tx = db.startTransaction();
    db.find('c', { _id: 'k' }, { tx });
    db.find('c', { email: 'e@x' }, { tx });
    db.insert('c', [{ email: 'other' }]);
    db.update('c', { _id: 'k' }, { $set: { w: 1 } }, { tx });
    db.commitTransaction(tx);
    expect(db.find('c', { _id: 'k' })[0]).toEqual({ _id: 'k', v: 1, w: 1 });
  });

  test('abort discards; idle transactions expire', async () => {
    const tx = db.startTransaction();
    db.remove('c', { _id: 'k' }, { tx });
    db.abortTransaction(tx);
    expect(db.count('c', {})).toBe(1);
    expect(codeOf(() => db.abortTransaction(tx))).toBe('DATABASE_TRANSACTION_FAIL');
    const idle = db.startTransaction();
    await new Promise((r) => setTimeout(r, 300));
    expect(codeOf(() => db.find('c', {}, { tx: idle }))).toBe('DATABASE_TRANSACTION_FAIL');
  });
});

describe('admin layer', () => {
  let db: DocDb;
  let admin: (b: Record<string, unknown>) => Record<string, unknown>;
  beforeAll(() => {
    db = DocDb.open(tempDir());
    admin = createAdmin(db) as typeof admin;
  });
  afterAll(() => db.close());

  test('canonical EJSON round-trip keeps int vs double, dates, nesting', () => {
    const doc = { _id: 'e', i: 5, d: 1.5, neg: -0.25, big: 2 ** 40, s: 'ü', t: true, f: false, z: null, when: new Date(1234), arr: [1, 2.5, 'x', [{ deep: new Date(0) }]], o: { p: { q: 1 } }, tricky: [0.1, 1 / 3, 1e300, 5e-324, 2 ** 53 + 2, Infinity, -Infinity, NaN] };
    const ins = admin({ action: 'database.insertDocument', collectionName: 'ej', data: [EJSON.stringify(doc, { relaxed: false })] });
    expect(ins).toMatchObject({ data: { insertedIds: ['e'] } });
    const got = admin({ action: 'database.getDocument', collectionName: 'ej', queryType: 'DOC', query: JSON.stringify({ _id: 'e' }), multi: false });
    const [text] = (got.data as { list: string[] }).list;
    expect(text).toBe(EJSON.stringify(doc, { relaxed: false }));
    expect(text).toContain('"i":{"$numberInt":"5"}');
    expect(text).toContain('"d":{"$numberDouble":"1.5"}');
    expect(EJSON.parse(text)).toEqual(doc);
  });

  test('server dates, regex flags bson would refuse, and error shapes', () => {
    const before = Date.now();
    admin({ action: 'database.insertDocument', collectionName: 'sd', data: [JSON.stringify({ _id: 's', at: { $tcb_server_date: { offset: { $numberInt: '1000' } } }, name: 'Bob' })] });
    const [stored] = db.find('sd', { _id: 's' });
    expect((stored.at as Date).getTime()).toBeGreaterThanOrEqual(before + 1000);
    const res = admin({ action: 'database.getDocument', collectionName: 'sd', queryType: 'WHERE', query: JSON.stringify({ name: { $regularExpression: { pattern: '^b', options: 'gi' } } }), limit: 10 });
    expect((res.data as { list: string[] }).list).toHaveLength(1);

    const bad = [
      { action: 'database.getDocument', collectionName: 5 },
      { action: 'database.getDocument', collectionName: 'sd', queryType: 'DOC', query: '{}' },
      { action: 'database.modifyDocument', collectionName: 'sd', queryType: 'WHERE', query: '{}', data: '"str"' },
      { action: 'database.aggregateDocuments', collectionName: 'sd', stages: 'no' },
      { action: 'database.getDocument', collectionName: 'sd', order: '{"a":7}' },
      { action: 'database.getDocument', collectionName: 'sd', offset: -1 },
      { action: 'database.insertDocument', collectionName: 'sd', data: [] },
    ];
    for (const b of bad) {
      const r = admin(b);
      expect(r).toMatchObject({ code: 'INVALID_PARAM', message: expect.any(String), requestId: expect.any(String) });
    }
    expect(admin({ action: 'toString' })).toMatchObject({ code: 'INVALID_ACTION' });
    expect(admin(null as never)).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('durability', () => {
  test('acknowledged writes survive kill -9', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'writer.ts');
    fs.writeFileSync(script, `
      import { DocDb } from ${JSON.stringify(path.resolve(__dirname, '../../localcloud/docdb'))};
      const db = DocDb.open(process.argv[2]);
      for (let i = 0; i < 40; i++) {
        db.insert('d', [{ _id: 'k' + i, i }]);
        db.update('d', { _id: 'k0' }, { $inc: { hits: 1 } });
        process.stdout.write('ack ' + i + '\\n');
      }
      setInterval(() => {}, 1000);
    `);
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('ack 39\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`writer exited early: ${err}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const raw = new Database(path.join(dir, 'linli.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const db = DocDb.open(dir);
    expect(db.count('d', {})).toBe(40);
    expect(db.find('d', { _id: 'k0' })[0]).toEqual({ _id: 'k0', i: 0, hits: 40 });
    db.close();
  }, 30_000);
});
