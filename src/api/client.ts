/**
 * The typed API client: the only place in the client that knows how a cloud function is called.
 *
 *   weapp: Taro.cloud.callFunction({ name, data: { action, ...payload } }) → result
 *   H5:    POST /api/<name> with JSON { action, ...payload } and x-dev-openid (dev login)
 *
 * Both answer the reply contract { ok: true, data } | { ok: false, error: { code, message } }
 * (DESIGN.md, API conventions). callFunction returns `data` or throws an ApiError.
 *
 * The API specs are imported as types only: zod and the schemas stay out of the client bundle.
 */
import Taro from '@tarojs/taro';
import type { Api as ApiSpecs, FunctionName } from '../core/api';
import type { InputOf, OutputOf } from '../core/shared/api';
import { DEFAULT_MESSAGES, ERROR_CODES, type ErrorCode } from '../core/shared/errors';

/** A failure to show the user as it is: `message` is Chinese and fit for display. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message || DEFAULT_MESSAGES[code]);
    this.name = 'ApiError';
    this.code = code;
    // Keep instanceof working where the class is transpiled to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export const isApiError = (e: unknown): e is ApiError =>
  e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError');

/** Any thrown value as an ApiError, so that pages have one error shape to show. */
export const toApiError = (e: unknown): ApiError => (isApiError(e) ? e : new ApiError('INTERNAL'));

export const NETWORK_MESSAGE = '网络不通，请稍后再试';

/** Where the H5 dev login keeps the chosen demo person's OPENID. */
export const DEV_OPENID_KEY = 'linli.devOpenid';

const REQUEST_TIMEOUT_MS = 15_000;

const isErrorCode = (c: unknown): c is ErrorCode => typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

/** Reads a reply; anything that does not keep the contract is an INTERNAL error. */
export function readReply<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null) {
    const r = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
    if (r.ok === true) return r.data as T;
    if (r.ok === false && r.error && isErrorCode(r.error.code)) {
      throw new ApiError(r.error.code, typeof r.error.message === 'string' ? r.error.message : undefined);
    }
  }
  throw new ApiError('INTERNAL');
}

/** The H5 dev login's chosen OPENID, or '' (see api/dev.ts). */
export function readDevOpenid(): string {
  try {
    const v: unknown = Taro.getStorageSync(DEV_OPENID_KEY);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/** H5 only: a same-origin HTTP call to the local cloud. A network failure is INTERNAL 网络不通. */
export async function httpJson(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const openid = readDevOpenid();
  if (openid) headers['x-dev-openid'] = openid;
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller?.signal,
    });
  } catch {
    throw new ApiError('INTERNAL', NETWORK_MESSAGE);
  } finally {
    if (timer) clearTimeout(timer);
  }
  try {
    return await res.json();
  } catch {
    // Not JSON: no local cloud behind this address (a static server, a proxy error page…).
    throw new ApiError('INTERNAL', res.ok ? undefined : NETWORK_MESSAGE);
  }
}

async function callCloud(name: string, data: Record<string, unknown>): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name, data });
    return res.result;
  } catch (e) {
    const msg = String((e as { errMsg?: unknown; message?: unknown })?.errMsg ?? (e as Error)?.message ?? '');
    throw new ApiError('INTERNAL', /network|timeout|request:fail|ERR_NETWORK/i.test(msg) ? NETWORK_MESSAGE : undefined);
  }
}

/** Calls one action of one cloud function; returns the reply's data or throws an ApiError. */
export async function callFunction<T = unknown>(name: string, action: string, payload: object = {}): Promise<T> {
  const data = { ...payload, action };
  const reply = process.env.TARO_ENV === 'h5' ? await httpJson('POST', `/api/${name}`, data) : await callCloud(name, data);
  return readReply<T>(reply);
}

/** A function's actions as typed methods, from its spec (types only). */
export type FunctionClient<S> = {
  [K in keyof S]: (payload: InputOf<S[K]>) => Promise<OutputOf<S[K]>>;
};

/**
 * `actions` lists every action of the spec (the Record type makes a missing one a compile error);
 * the spec object itself never reaches the bundle.
 */
function functionClient<S>(name: string, actions: Record<keyof S & string, true>): FunctionClient<S> {
  const client: Record<string, (payload: object) => Promise<unknown>> = {};
  for (const action of Object.keys(actions)) {
    client[action] = (payload) => callFunction(name, action, payload);
  }
  return client as unknown as FunctionClient<S>;
}

/** One typed client per cloud function of core/api.ts; a function left out is a compile error. */
export const api = {
  auth: functionClient<ApiSpecs['auth']>('auth', { login: true, switchEstate: true }),
  estate: functionClient<ApiSpecs['estate']>('estate', { list: true, create: true, importHomes: true, homes: true }),
  binding: functionClient<ApiSpecs['binding']>('binding', {
    apply: true,
    mine: true,
    pending: true,
    approve: true,
    reject: true,
    withdraw: true,
  }),
  role: functionClient<ApiSpecs['role']>('role', { list: true, assign: true, revoke: true, people: true, history: true }),
  notice: functionClient<ApiSpecs['notice']>('notice', {
    create: true,
    update: true,
    publish: true,
    withdraw: true,
    list: true,
    drafts: true,
    get: true,
    unread: true,
    history: true,
  }),
  inbox: functionClient<ApiSpecs['inbox']>('inbox', {
    list: true,
    unreadCount: true,
    markRead: true,
    markAllRead: true,
    grant: true,
    prefs: true,
    setPrefs: true,
  }),
  wish: functionClient<ApiSpecs['wish']>('wish', {
    post: true,
    list: true,
    mine: true,
    claims: true,
    get: true,
    pending: true,
    approve: true,
    reject: true,
    claim: true,
    release: true,
    fulfil: true,
    confirm: true,
    dispute: true,
    cancel: true,
  }),
  points: functionClient<ApiSpecs['points']>('points', {
    mine: true,
    ranking: true,
    volunteers: true,
    ledger: true,
    credit: true,
    reverse: true,
    configure: true,
    rewards: true,
    saveReward: true,
    redeem: true,
    myRedemptions: true,
    redemptions: true,
    handOver: true,
    cancelRedemption: true,
  }),
  proposal: functionClient<ApiSpecs['proposal']>('proposal', {
    create: true,
    update: true,
    submit: true,
    withdraw: true,
    list: true,
    get: true,
    accept: true,
    approve: true,
    reject: true,
    returnForRevision: true,
    comment: true,
    comments: true,
    position: true,
    attachPoll: true,
    answerPoll: true,
    openVote: true,
    closeVote: true,
    implement: true,
    progress: true,
    complete: true,
    verify: true,
  }),
  vote: functionClient<ApiSpecs['vote']>('vote', { status: true, cast: true, paper: true, nonVoters: true }),
  request: functionClient<ApiSpecs['request']>('request', {
    submit: true,
    similar: true,
    support: true,
    withdraw: true,
    mine: true,
    get: true,
    queue: true,
    staff: true,
    accept: true,
    note: true,
    transfer: true,
    resolve: true,
    confirm: true,
    reopen: true,
    dashboard: true,
    export: true,
    settings: true,
    configure: true,
  }),
} satisfies Record<FunctionName, unknown>;

export type Api = typeof api;
export type { ErrorCode };
