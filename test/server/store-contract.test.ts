/**
 * The Store contract: every operation the core uses, through the real CloudBase SDK adapter,
 * against the local cloud. A Store that passes this is one the use cases can rely on.
 */
import { AppError } from '../../src/core/shared/errors';
import type { Doc, Store } from '../../src/core/shared/ports';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

interface Item extends Doc {
  n: number;
  group: string;
  status?: string;
  tags?: string[];
  nested?: { a: number; b?: number };
}

let cloud: TestCloud;
let store: Store;

beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
  store = cloud.store;
});
afterAll(() => cloud.stop());

describe('get and insert', () => {
  it('inserts with a generated id and reads the document back', async () => {
    const id = await store.insert('items', { n: 1, group: 'a', nested: { a: 1 } });
    expect(typeof id).toBe('string');
    expect(id.length).toBeGreaterThan(0);
    expect(await store.get<Item>('items', id)).toEqual({ _id: id, n: 1, group: 'a', nested: { a: 1 } });
  });

  it('inserts with a given id, and a second insert of that id is a CONFLICT that changes nothing', async () => {
    await store.insert('items', { _id: 'fixed-1', n: 7, group: 'g' });
    await expect(store.insert('items', { _id: 'fixed-1', n: 8, group: 'h' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.get<Item>('items', 'fixed-1')).toEqual({ _id: 'fixed-1', n: 7, group: 'g' });
  });

  it('answers null for a missing document', async () => {
    expect(await store.get('items', 'no-such-id')).toBeNull();
  });

  it('keeps numbers exact: integers, fractions and epoch milliseconds', async () => {
    const id = await store.insert('numbers', { int: 5, frac: 89.37, ms: 1795000000123, neg: -3 });
    expect(await store.get('numbers', id)).toEqual({ _id: id, int: 5, frac: 89.37, ms: 1795000000123, neg: -3 });
  });
});

describe('find', () => {
  beforeAll(async () => {
    // 25 documents over 3 groups, with repeated n values so the sort has ties.
    for (let i = 0; i < 25; i++) await store.insert('paged', { _id: `p${String(i).padStart(2, '0')}`, n: i % 7, group: ['x', 'y', 'z'][i % 3] });
  });

  it('filters with equality, ranges and $in', async () => {
    const eq = await store.find<Item>('paged', { where: { group: 'x' }, limit: 100 });
    expect(eq.items).toHaveLength(9);
    expect(eq.items.every((d) => d.group === 'x')).toBe(true);
    const range = await store.find<Item>('paged', { where: { n: { $gte: 2, $lt: 4 } }, limit: 100 });
    expect(range.items.map((d) => d.n).sort()).toEqual([2, 2, 2, 2, 3, 3, 3, 3]);
    const inList = await store.find<Item>('paged', { where: { group: { $in: ['y', 'z'] }, n: 0 }, limit: 100 });
    expect(inList.items.map((d) => d._id).sort()).toEqual(['p07', 'p14']);
    expect(await store.count('paged', { n: { $ne: 0 } })).toBe(21);
  });

  it('orders and pages by cursor, every document exactly once, ties broken by id', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await store.find<Item>('paged', { orderBy: [['n', 'desc']], limit: 4, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((d) => d._id)).size).toBe(25);
    const expected = [...seen].sort((a, b) => b.n - a.n || a._id.localeCompare(b._id));
    expect(seen.map((d) => d._id)).toEqual(expected.map((d) => d._id));
  });

  it('pages a filtered query and ends with a null cursor', async () => {
    const first = await store.find<Item>('paged', { where: { group: 'z' }, orderBy: [['n', 'asc']], limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const second = await store.find<Item>('paged', { where: { group: 'z' }, orderBy: [['n', 'asc']], limit: 5, cursor: first.nextCursor });
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('rejects a forged cursor with INVALID_INPUT', async () => {
    await expect(store.find('paged', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.find('paged', { cursor: Buffer.from('[1,2,3]').toString('base64url') })).rejects.toBeInstanceOf(AppError);
  });
});

describe('update', () => {
  it('changes a document only when it matches, and says whether it did', async () => {
    const id = await store.insert('wishes', { status: 'open', n: 0, group: 'w' });
    expect(await store.update('wishes', id, { set: { status: 'claimed' } }, { status: 'open' })).toBe(true);
    expect(await store.update('wishes', id, { set: { status: 'claimed' } }, { status: 'open' })).toBe(false);
    expect(await store.update('wishes', 'missing', { set: { status: 'x' } })).toBe(false);
    expect((await store.get<Item>('wishes', id))?.status).toBe('claimed');
  });

  it('lets exactly one of many racing conditional moves win', async () => {
    const id = await store.insert('wishes', { status: 'open', n: 0, group: 'race' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.update('wishes', id, { set: { status: 'claimed', by: `v${i}` } }, { status: 'open' })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('increments atomically under concurrency', async () => {
    const id = await store.insert('counters', { n: 0, group: 'c' });
    await Promise.all(Array.from({ length: 40 }, () => store.update('counters', id, { inc: { n: 1 } })));
    expect((await store.get<Item>('counters', id))?.n).toBe(40);
  });

  it('sets nested objects whole, unsets fields, and updates many', async () => {
    const id = await store.insert('items2', { n: 1, group: 'm', nested: { a: 1, b: 2 }, extra: true });
    await store.update('items2', id, { set: { nested: { a: 9 } }, unset: ['extra'] });
    expect(await store.get('items2', id)).toEqual({ _id: id, n: 1, group: 'm', nested: { a: 9 } });
    await store.insert('items2', { n: 2, group: 'm' });
    await store.insert('items2', { n: 3, group: 'other' });
    expect(await store.updateMany('items2', { group: 'm' }, { set: { flagged: true } })).toBe(2);
    expect(await store.count('items2', { flagged: true })).toBe(2);
  });
});

describe('delete', () => {
  it('deletes one document and says whether it existed', async () => {
    const id = await store.insert('trash', { n: 1, group: 't' });
    expect(await store.delete('trash', id)).toBe(true);
    expect(await store.delete('trash', id)).toBe(false);
    expect(await store.get('trash', id)).toBeNull();
  });
});

describe('transaction', () => {
  it('commits all of its writes', async () => {
    await store.insert('accounts', { _id: 'acc-a', n: 100, group: 'acc' });
    await store.insert('accounts', { _id: 'acc-b', n: 0, group: 'acc' });
    await store.transaction(async (tx) => {
      const a = await tx.get<Item>('accounts', 'acc-a');
      await tx.update('accounts', 'acc-a', { inc: { n: -30 } });
      await tx.update('accounts', 'acc-b', { inc: { n: 30 } });
      await tx.insert('ledger', { _id: 'move-1', from: 'acc-a', to: 'acc-b', amount: 30, before: a?.n ?? null });
    });
    expect((await store.get<Item>('accounts', 'acc-a'))?.n).toBe(70);
    expect((await store.get<Item>('accounts', 'acc-b'))?.n).toBe(30);
    expect(await store.get('ledger', 'move-1')).toMatchObject({ amount: 30, before: 100 });
  });

  it('writes nothing when the work throws', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.update('accounts', 'acc-a', { inc: { n: -70 } });
        await tx.insert('ledger', { _id: 'move-2', amount: 70 });
        throw new AppError('CONFLICT', '余额不足');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.get<Item>('accounts', 'acc-a'))?.n).toBe(70);
    expect(await store.get('ledger', 'move-2')).toBeNull();
  });

  it('serializes racing read-modify-write transactions (no lost update)', async () => {
    await store.insert('accounts', { _id: 'acc-c', n: 0, group: 'acc' });
    await Promise.all(
      Array.from({ length: 3 }, () =>
        store.transaction(async (tx) => {
          const c = await tx.get<Item>('accounts', 'acc-c');
          await tx.update('accounts', 'acc-c', { set: { n: (c?.n ?? 0) + 1 } });
        }),
      ),
    );
    expect((await store.get<Item>('accounts', 'acc-c'))?.n).toBe(3);
  });

  it('sees its own writes and reads a missing document as null', async () => {
    const seen = await store.transaction(async (tx) => {
      const before = await tx.get('scratch', 's1');
      await tx.insert('scratch', { _id: 's1', n: 1 });
      const after = await tx.get<Item>('scratch', 's1');
      return { before, after: after?.n };
    });
    expect(seen).toEqual({ before: null, after: 1 });
  });
});
