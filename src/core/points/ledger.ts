/**
 * Writing to the points ledger: the one way points move. Each entry is inserted together with
 * its account's new balance, inside the caller's transaction, so the two never disagree.
 */
import { ignoreConflict } from '../shared/store-helpers';
import { AppError } from '../shared/errors';
import type { Store, TxStore } from '../shared/ports';
import { DEFAULT_WISH_POINTS, POINTS_COLLECTIONS as C, accountId, type LedgerEntry, type PointsAccount, type PointsSettings } from './types';

/** Makes the account if it is not there yet (outside the transaction: two racers both insert, one wins). */
export async function ensureAccount(store: Store, estateId: string, userId: string, now: number): Promise<void> {
  const id = accountId(estateId, userId);
  if (await store.get(C.accounts, id)) return;
  const account: PointsAccount = { _id: id, estateId, userId, balance: 0, wishesFulfilled: 0, entries: 0, updatedAt: now };
  await store.insert(C.accounts, { ...account }).catch(ignoreConflict);
}

export type NewEntry = Omit<LedgerEntry, 'balanceAfter'>;

/**
 * Appends `entry` and moves the balance by its amount; refuses (CONFLICT) when the balance would
 * go below zero or the entry's id exists (the same thing credited twice).
 */
export async function postEntry(tx: TxStore, entry: NewEntry, extra: { wishFulfilled?: boolean } = {}): Promise<LedgerEntry> {
  if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) throw new AppError('INVALID_INPUT', '积分数必须是非零整数');
  const id = accountId(entry.estateId, entry.userId);
  const account = await tx.get<PointsAccount>(C.accounts, id);
  if (!account) throw new AppError('INTERNAL', '积分账户不存在');
  const balanceAfter = account.balance + entry.amount;
  if (balanceAfter < 0) throw new AppError('CONFLICT', `积分不足：现有 ${account.balance} 分`);
  const written: LedgerEntry = { ...entry, balanceAfter };
  await tx.insert(C.ledger, { ...written });
  await tx.update(C.accounts, id, {
    set: { balance: balanceAfter, updatedAt: entry.at },
    inc: { entries: 1, ...(extra.wishFulfilled ? { wishesFulfilled: 1 } : {}) },
  });
  return written;
}

/** The points a wish posted now will earn, as the estate has set them. */
export async function wishPointsFor(store: Store, estateId: string): Promise<number> {
  return (await store.get<PointsSettings>(C.settings, estateId))?.wishPoints ?? DEFAULT_WISH_POINTS;
}
