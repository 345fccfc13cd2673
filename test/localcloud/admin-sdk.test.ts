/**
 * The real `@cloudbase/node-sdk` against the local cloud's /admin endpoint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startLocalCloud, type LocalCloud } from '../../localcloud/server';
import { DUPLICATE_KEY_CODE } from '../../localcloud/admin';

process.env.TENCENTCLOUD = 'true';

/* The SDK's query builders are loosely typed; the tests only need them to be callable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let dir: string;
let cloud: LocalCloud;
let db: Any;
let _: Any;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-admin-sdk-'));
  cloud = await startLocalCloud({ port: 0, dataDir: dir });
  const app = tcb.init({ env: 'local', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' });
  db = app.database();
  _ = db.command;
});

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Resolves once `n` callers have arrived: forces transactions to interleave. */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return () => {
    if (++arrived >= n) open();
    return opened;
  };
}

const ids = (docs: Array<{ _id: string }>) => docs.map((d) => d._id);

describe('documents', () => {
  test('add, then get by doc and by where, with types intact', async () => {
    const when = new Date('2024-05-06T07:08:09.010Z');
    const added = await db.collection('things').add({ title: '一', n: 1, price: 1.5, big: 2 ** 40, ok: true, none: null, tags: ['x', 'y'], nested: { k: 1, deep: { z: 'z' } }, when });
    expect(added.id).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof added.requestId).toBe('string');

    const byDoc = await db.collection('things').doc(added.id).get();
    expect(byDoc.data).toEqual([{ _id: added.id, title: '一', n: 1, price: 1.5, big: 2 ** 40, ok: true, none: null, tags: ['x', 'y'], nested: { k: 1, deep: { z: 'z' } }, when }]);
    expect(byDoc.data[0].when).toBeInstanceOf(Date);

    expect(ids((await db.collection('things').where({ nested: { deep: { z: 'z' } } }).get()).data)).toEqual([added.id]);
    expect(ids((await db.collection('things').where({ tags: 'y', when: _.lte(when) }).get()).data)).toEqual([added.id]);
    expect((await db.collection('things').doc('no-such-id').get()).data).toEqual([]);
  });

  test('a caller-chosen _id, and inserting it twice is a duplicate-key error', async () => {
    const res = await db.collection('dupes').add({ _id: 'fixed', v: 1 });
    expect(res.id).toBe('fixed');
    await expect(db.collection('dupes').add({ _id: 'fixed', v: 2 })).rejects.toMatchObject({ code: DUPLICATE_KEY_CODE });
    expect(DUPLICATE_KEY_CODE).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await db.collection('dupes').doc('fixed').get()).data[0].v).toBe(1);
    const many = await db.collection('dupes').add([{ v: 3 }, { v: 4 }]);
    expect(many.ids).toHaveLength(2);
  });

  test('db.serverDate() becomes the server clock, with its offset', async () => {
    const before = Date.now();
    const { id } = await db.collection('clock').add({ at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) });
    const [doc] = (await db.collection('clock').doc(id).get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);
    // Also usable in a query: nothing was written in the future.
    expect((await db.collection('clock').where({ at: _.lte(db.serverDate()) }).count()).total).toBe(1);
  });
});

describe('queries', () => {
  beforeAll(async () => {
    const rows = Array.from({ length: 10 }, (_x, i) => ({
      _id: `q${i + 1}`,
      n: i + 1,
      group: i % 2 ? 'odd' : 'even',
      name: `user${i + 1}`,
      tags: i < 3 ? ['red', 'blue'] : ['green'],
      scores: [{ s: i, ok: i > 5 }],
      ...(i === 0 ? {} : { maybe: i }),
    }));
    await db.collection('q').add(rows);
  });
  const q = (where: Any) => db.collection('q').where(where).orderBy('n', 'asc').get().then((r: Any) => r.data.map((d: Any) => d.n));

  test('comparison and logic commands', async () => {
    expect(await q({ n: _.gt(3).and(_.lte(6)) })).toEqual([4, 5, 6]);
    expect(await q({ n: _.in([2, 4, 99]) })).toEqual([2, 4]);
    expect(await q({ n: _.nin([1, 2, 3, 4, 5, 6, 7, 8]) })).toEqual([9, 10]);
    expect(await q({ group: _.neq('even'), n: _.lt(6) })).toEqual([2, 4]);
    expect(await q(_.or([{ n: 1 }, { n: _.gte(10) }]))).toEqual([1, 10]);
    expect(await q(_.nor([{ n: _.gt(2) }]))).toEqual([1, 2]);
    expect(await q({ n: _.not(_.gt(2)) })).toEqual([1, 2]);
    expect(await q({ maybe: _.exists(false) })).toEqual([1]);
    expect(await q({ n: _.mod([4, 1]) })).toEqual([1, 5, 9]);
  });

  test('arrays, regexes and sub-documents', async () => {
    expect(await q({ tags: 'red' })).toEqual([1, 2, 3]);
    expect(await q({ tags: _.all(['blue', 'red']) })).toEqual([1, 2, 3]);
    expect(await q({ tags: _.size(1) })).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(await q({ scores: _.elemMatch({ s: _.gte(8), ok: true }) })).toEqual([9, 10]);
    expect(await q({ 'scores.s': 0 })).toEqual([1]);
    expect(await q({ name: /^USER1/i })).toEqual([1, 10]);
    expect(await q({ name: db.RegExp({ regexp: '5$', options: '' }) })).toEqual([5]);
  });

  test('orderBy, skip, limit, field and count', async () => {
    const res = await db.collection('q').where({ n: _.gt(0) }).orderBy('group', 'asc').orderBy('n', 'desc').skip(1).limit(3).field({ n: true, group: true }).get();
    expect(res.data).toEqual([
      { _id: 'q7', n: 7, group: 'even' },
      { _id: 'q5', n: 5, group: 'even' },
      { _id: 'q3', n: 3, group: 'even' },
    ]);
    const excluded = await db.collection('q').doc('q1').field({ tags: false, scores: false }).get();
    expect(excluded.data).toEqual([{ _id: 'q1', n: 1, group: 'even', name: 'user1' }]);
    expect((await db.collection('q').where({ group: 'odd' }).count()).total).toBe(5);
    expect((await db.collection('q').count()).total).toBe(10);
    expect((await db.collection('q').limit(4).get()).data).toHaveLength(4);
  });

  test('aggregate', async () => {
    const $ = db.command.aggregate;
    const res = await db.collection('q').aggregate()
      .match({ n: _.lte(6) })
      .group({ _id: '$group', total: $.sum('$n'), count: $.sum(1), avg: $.avg('$n'), max: $.max('$n') })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'even', total: 9, count: 3, avg: 3, max: 5 },
      { _id: 'odd', total: 12, count: 3, avg: 4, max: 6 },
    ]);
    const counted = await db.collection('q').aggregate().match({ group: 'odd' }).skip(1).limit(10).count('c').end();
    expect(counted.data).toEqual([{ c: 4 }]);
    const projected = await db.collection('q').aggregate().match({ n: 2 }).project({ _id: 0, n: 1, twice: $.multiply(['$n', 2]) }).end();
    expect(projected.data).toEqual([{ n: 2, twice: 4 }]);
  });

  test('an unsupported operator is an error, not a crash', async () => {
    await expect(db.collection('q').where({ loc: _.geoNear({ geometry: new db.Geo.Point(1, 2) }) }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await db.collection('q').count()).total).toBe(10);
  });
});

describe('updates', () => {
  test('update operators on one document', async () => {
    const col = db.collection('upd');
    const { id } = await col.add({ n: 1, m: 2, obj: { k: 1 }, list: [1, 2, 3, 2], set: ['a'], gone: 'x', queue: [1, 2, 3], old: 'o' });
    const res = await col.doc(id).update({
      n: _.inc(5),
      m: _.mul(3),
      obj: { k2: 2 },
      list: _.pull(2),
      set: _.addToSet('b'),
      gone: _.remove(),
      queue: _.shift(),
      old: _.rename('renamed'),
      pushed: _.push(['p', 'q']),
      'deep.new.path': 1,
    });
    expect(res.updated).toBe(1);
    const [doc] = (await col.doc(id).get()).data;
    expect(doc).toEqual({
      _id: id, n: 6, m: 6, obj: { k: 1, k2: 2 }, list: [1, 3], set: ['a', 'b'], queue: [2, 3], renamed: 'o', pushed: ['p', 'q'], deep: { new: { path: 1 } },
    });
    await col.doc(id).update({ obj: _.set({ only: true }), pushed: _.unshift('first'), n: _.max(100), m: _.min(1) });
    const [after] = (await col.doc(id).get()).data;
    expect(after.obj).toEqual({ only: true });
    expect(after.pushed).toEqual(['first', 'p', 'q']);
    expect([after.n, after.m]).toEqual([100, 1]);
    await expect(col.doc(id).update({ renamed: _.inc(1) })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  test('where().update() touches every match; a condition that does not match updates nothing', async () => {
    const col = db.collection('bulk');
    await col.add([{ _id: 'b1', status: 'open', v: 0 }, { _id: 'b2', status: 'open', v: 0 }, { _id: 'b3', status: 'done', v: 0 }]);
    expect((await col.where({ status: 'open' }).update({ v: _.inc(1) })).updated).toBe(2);
    expect((await col.where({ _id: 'b3', status: 'open' }).update({ status: 'closed' })).updated).toBe(0);
    expect((await col.where({ _id: 'b1', status: 'open' }).update({ status: 'closed' })).updated).toBe(1);
    expect((await col.where({ _id: 'b1', status: 'open' }).update({ status: 'closed' })).updated).toBe(0);
    const docs = (await col.orderBy('_id', 'asc').get()).data;
    expect(docs.map((d: Any) => [d._id, d.status, d.v])).toEqual([['b1', 'closed', 1], ['b2', 'open', 1], ['b3', 'done', 0]]);
  });

  test('doc().set() replaces the document but keeps _id, and creates it when missing', async () => {
    const col = db.collection('sets');
    const { id } = await col.add({ a: 1, b: 2 });
    const res = await col.doc(id).set({ only: 'this' });
    expect(res.updated).toBe(1);
    expect((await col.doc(id).get()).data).toEqual([{ _id: id, only: 'this' }]);
    const created = await col.doc('new-one').set({ fresh: true });
    expect(created.upsertedId).toBe('new-one');
    expect((await col.doc('new-one').get()).data).toEqual([{ _id: 'new-one', fresh: true }]);
  });

  test('updateAndReturn gives the document after the update', async () => {
    const col = db.collection('uar');
    await col.add({ _id: 'ticket', next: 41 });
    const res = await col.where({ _id: 'ticket' }).updateAndReturn({ next: _.inc(1) });
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'ticket', next: 42 } });
    expect((await col.where({ _id: 'none' }).updateAndReturn({ next: _.inc(1) })).doc).toBeNull();
  });

  test('remove by doc and by where', async () => {
    const col = db.collection('rm');
    await col.add([{ _id: 'r1', k: 1 }, { _id: 'r2', k: 2 }, { _id: 'r3', k: 2 }, { _id: 'r4', k: 3 }]);
    expect((await col.doc('r1').remove()).deleted).toBe(1);
    expect((await col.doc('r1').remove()).deleted).toBe(0);
    expect((await col.where({ k: 2 }).remove()).deleted).toBe(2);
    expect(ids((await col.get()).data)).toEqual(['r4']);
  });

  test('createCollection, then again', async () => {
    await expect(db.createCollection('made')).resolves.toBeDefined();
    await expect(db.createCollection('made')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });
});

describe('transactions', () => {
  test('runTransaction commits all writes and resolves to the callback value', async () => {
    await db.collection('acct').add([{ _id: 'alice', balance: 100 }, { _id: 'bob', balance: 0 }]);
    const result = await db.runTransaction(async (tx: Any) => {
      const a = (await tx.collection('acct').doc('alice').get()).data;
      expect(a.balance).toBe(100);
      await tx.collection('acct').doc('alice').update({ balance: _.inc(-30) });
      await tx.collection('acct').doc('bob').update({ balance: _.inc(30) });
      // Reads inside the transaction see its own writes.
      expect((await tx.collection('acct').doc('alice').get()).data.balance).toBe(70);
      await tx.collection('acct').add({ _id: 'log1', amount: 30 });
      return 'moved';
    });
    expect(result).toBe('moved');
    const docs = (await db.collection('acct').orderBy('_id', 'asc').get()).data;
    expect(docs).toEqual([{ _id: 'alice', balance: 70 }, { _id: 'bob', balance: 30 }, { _id: 'log1', amount: 30 }]);
  });

  test('writes stay invisible until commit', async () => {
    const tx = await db.startTransaction();
    await tx.collection('iso').add({ _id: 'pending', v: 1 });
    expect((await db.collection('iso').doc('pending').get()).data).toEqual([]);
    expect((await tx.collection('iso').doc('pending').get()).data).toEqual({ _id: 'pending', v: 1 });
    await tx.commit();
    expect((await db.collection('iso').doc('pending').get()).data).toEqual([{ _id: 'pending', v: 1 }]);
  });

  test('rollback and a throwing callback discard every write', async () => {
    await db.collection('rb').add({ _id: 'keep', v: 1 });
    await expect(db.runTransaction(async (tx: Any) => {
      await tx.collection('rb').doc('keep').update({ v: 2 });
      await tx.collection('rb').add({ _id: 'ghost' });
      await tx.rollback('why');
    })).rejects.toBe('why');
    await expect(db.runTransaction(async (tx: Any) => {
      await tx.collection('rb').doc('keep').update({ v: 3 });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await db.collection('rb').get()).data).toEqual([{ _id: 'keep', v: 1 }]);
  });

  test('two concurrent read-modify-write transactions on one counter both land', async () => {
    await db.collection('counters').add({ _id: 'c', value: 10 });
    const bothRead = barrier(2);
    let attempts = 0;
    const bump = () => db.runTransaction(async (tx: Any) => {
      attempts++;
      const { data } = await tx.collection('counters').doc('c').get();
      if (attempts <= 2) await bothRead(); // first attempts both read 10 before either writes
      await tx.collection('counters').doc('c').update({ value: data.value + 1 });
      return data.value + 1;
    });
    const results = await Promise.all([bump(), bump()]);
    expect(results.sort()).toEqual([11, 12]);
    expect(attempts).toBe(3); // one of them conflicted and was retried
    expect((await db.collection('counters').doc('c').get()).data[0].value).toBe(12);
  });

  test('concurrent "get missing, then insert" by _id: exactly one insert wins', async () => {
    const bothMissed = barrier(2);
    let attempts = 0;
    const login = (name: string) => db.runTransaction(async (tx: Any) => {
      attempts++;
      const { data } = await tx.collection('identities').doc('OPENID-1').get();
      if (data) return data;
      await bothMissed();
      await tx.collection('identities').add({ _id: 'OPENID-1', name });
      return { _id: 'OPENID-1', name };
    });
    const [a, b] = await Promise.all([login('first'), login('second')]);
    expect(a).toEqual(b);
    expect(attempts).toBe(3);
    expect((await db.collection('identities').where({ _id: 'OPENID-1' }).count()).total).toBe(1);
  });

  test('concurrent "where finds nothing, then insert": exactly one insert wins', async () => {
    const bothMissed = barrier(2);
    let attempts = 0;
    const login = () => db.runTransaction(async (tx: Any) => {
      attempts++;
      const { data } = await tx.collection('users').where({ openid: 'o-42' }).get();
      if (data.length) return data[0]._id;
      await bothMissed();
      return (await tx.collection('users').add({ openid: 'o-42' })).id;
    });
    const [a, b] = await Promise.all([login(), login()]);
    expect(a).toBe(b);
    expect(attempts).toBe(3);
    expect((await db.collection('users').where({ openid: 'o-42' }).count()).total).toBe(1);
  });

  test('a conflict that outlasts the retries rejects with DATABASE_TRANSACTION_CONFLICT', async () => {
    await db.collection('hot').add({ _id: 'h', v: 0 });
    let attempts = 0;
    await expect(db.runTransaction(async (tx: Any) => {
      attempts++;
      await tx.collection('hot').doc('h').get();
      await db.collection('hot').doc('h').update({ v: _.inc(1) }); // someone else writes every time
      await tx.collection('hot').doc('h').update({ mine: true });
    })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(attempts).toBe(4);
    expect((await db.collection('hot').doc('h').get()).data[0]).toEqual({ _id: 'h', v: 4 });
  });
});

describe('protocol robustness', () => {
  const post = async (body: string) => {
    const res = await fetch(cloud.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  test('unknown actions and malformed input get error codes, each with its own requestId', async () => {
    const a = await post(JSON.stringify({ action: 'database.nope' }));
    expect(a).toMatchObject({ status: 200, json: { code: 'INVALID_ACTION' } });
    const b = await post(JSON.stringify({ action: 'database.getDocument', collectionName: 'q', queryType: 'WHERE', query: '{not json' }));
    expect(b.json.code).toBe('INVALID_PARAM');
    const c = await post(JSON.stringify({ action: 'database.insertDocument', collectionName: 'q', data: ['[1,2]'] }));
    expect(c.json.code).toBe('INVALID_PARAM');
    const d = await post(JSON.stringify({ action: 'database.commitTransaction', transactionId: 'never-started' }));
    expect(d.json.code).toBe('DATABASE_TRANSACTION_FAIL');
    const e = await post('[1,2,3]');
    expect(e.json.code).toBe('INVALID_PARAM');
    const f = await post(JSON.stringify({ action: 'database.modifyDocument', collectionName: 'q', queryType: 'WHERE', query: '{}', data: '{"__proto__":{"x":1}}' }));
    expect(f.json.code).toBe('INVALID_PARAM');
    const requestIds = [a, b, c, d, e, f].map((r) => r.json.requestId);
    expect(new Set(requestIds).size).toBe(6);
    expect((await db.collection('q').count()).total).toBe(10);
  });
});
