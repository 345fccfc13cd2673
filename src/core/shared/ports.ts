/**
 * Ports: what the use cases need from the outside world, and nothing about how it is done.
 * The CloudBase SDK adapter (server/) implements Store in production and, against the local
 * cloud, in development and tests; the use cases cannot tell the difference.
 */

export type Scalar = string | number | boolean | null;

/** A condition on one field. A bare value means equality. */
export type Condition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
      $in?: Scalar[];
      $nin?: Scalar[];
      $exists?: boolean;
    };

/** All conditions must hold (dotted paths reach into sub-documents). */
export type Where = Record<string, Condition>;

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  where?: Where;
  /** Sort keys in priority order; `_id` is always added last so paging is stable. */
  orderBy?: Array<[field: string, direction: SortDirection]>;
  /** 1–100; default 20. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null when this page is the last. */
  nextCursor: string | null;
}

export interface Doc {
  _id: string;
}

export type Fields = Record<string, unknown>;

export interface Change {
  /** Fields to set (dotted paths allowed). */
  set?: Fields;
  /** Fields to add to atomically (negative to subtract). */
  inc?: Record<string, number>;
  /** Fields to remove. */
  unset?: string[];
}

/** Operations allowed inside a transaction: by id only, as CloudBase allows. */
export interface TxStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** Inserts with the given id; CONFLICT if the id exists. */
  insert(collection: string, doc: Fields & { _id: string }): Promise<string>;
  update(collection: string, id: string, change: Change): Promise<boolean>;
  delete(collection: string, id: string): Promise<boolean>;
}

export interface Store {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, options?: FindOptions): Promise<Page<T>>;
  count(collection: string, where?: Where): Promise<number>;
  /** Inserts a document; the store makes the id unless one is given (CONFLICT if it exists). */
  insert(collection: string, doc: Fields & { _id?: string }): Promise<string>;
  /**
   * Changes one document if it exists and matches `when`, atomically; answers whether it did.
   * This is how a workflow moves state: `when: { status: from }` makes two racing moves give
   * one success and one `false`.
   */
  update(collection: string, id: string, change: Change, when?: Where): Promise<boolean>;
  /** Changes every document matching `where`; answers how many. */
  updateMany(collection: string, where: Where, change: Change): Promise<number>;
  delete(collection: string, id: string): Promise<boolean>;
  /**
   * Runs `work` as one all-or-nothing transaction, retried when another writer got there first.
   * `work` may run more than once, so it must have no effects outside `tx`.
   */
  transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T>;
}

export interface Clock {
  /** Epoch milliseconds. Every timestamp in Linli is one of these. */
  now(): number;
}

/** Text moderation (WeChat `security.msgSecCheck` v2 in production, a word list locally). */
export interface ContentCheck {
  check(text: string, openid: string | null): Promise<'pass' | 'review' | 'reject'>;
}

export interface Notification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
}

/** Delivers notifications (in-app inbox, WeChat subscribe messages). */
export interface Notifier {
  notify(notifications: Notification[]): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now() };

/** One WeChat subscribe message (订阅消息), as `subscribeMessage.send` takes it. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Sends subscribe messages (CloudBase open-API call in production, the outbox locally). */
export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<void>;
}
