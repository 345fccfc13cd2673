/** Small ways of using the Store port that several features need. */
import { AppError } from './errors';
import type { Doc, Fields, SortDirection, Store, Where } from './ports';

/** Every document matching `where`, page by page (100 at a time), up to `max`. */
export async function findAll<T extends Doc>(store: Store, collection: string, where: Where, options: { orderBy?: Array<[string, SortDirection]>; max?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  const max = options.max ?? Number.POSITIVE_INFINITY;
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await store.find<T>(collection, { where, orderBy: options.orderBy, limit: 100, cursor });
    out.push(...page.items);
    cursor = out.length < max ? page.nextCursor : null;
  } while (cursor);
  return out;
}

/** For `.catch`: a CONFLICT (the id exists, someone got there first) is fine; anything else is not. */
export function ignoreConflict(e: unknown): void {
  if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
}

/** Writes `fields` to the document `id`, making it if it is not there (racing makers: one inserts, the other updates). */
export async function insertOrUpdate(store: Store, collection: string, id: string, fields: Fields): Promise<void> {
  await store.insert(collection, { _id: id, ...fields }).catch(async (e) => {
    ignoreConflict(e);
    await store.update(collection, id, { set: fields });
  });
}
