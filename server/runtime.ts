/**
 * Turns a function's action table into the `main(event, context)` that CloudBase calls.
 * The handler's whole job: who is calling (from the platform's context, never the payload),
 * is the input well-formed, run the use case, map the outcome to the reply contract.
 */
import { randomBytes } from 'node:crypto';
import tcb from '@cloudbase/node-sdk';
import * as z from 'zod';
// Only the Chinese locale: `z.locales` would pull every locale (~400 kB) into each bundle.
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import { AppError, isAppError } from '../src/core/shared/errors';
import { fail, failFrom, ok, type Reply } from '../src/core/shared/reply';
import { MAX_PAYLOAD_BYTES, type ActionSpec, type ApiSpec, type OutputOf } from '../src/core/shared/api';
import type { Outcome, DomainEvent } from '../src/core/shared/events';
import { systemClock, type Clock, type ContentCheck, type Store } from '../src/core/shared/ports';
import type { IdGenerator } from '../src/core/shared/ids';
import type { Caller } from '../src/core/auth/types';
import { loadSession, type Session } from '../src/core/auth/session';
import { createCloudbaseStore } from './cloudbase-store';
import { cloudbaseSender, loadTemplates } from './notify';
import { cloudbaseContentCheck } from './content-check';
import { dispatch, type DispatchDeps } from '../src/core/inbox/dispatch';

z.config(zhCN());

export interface ServerDeps extends DispatchDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  /** Text moderation for what residents write for others to read. */
  contentCheck: ContentCheck;
  /** Turns events into notifications once the write has succeeded. */
  dispatch(events: DomainEvent[]): Promise<void>;
}

export interface ActionContext {
  caller: Caller;
  deps: ServerDeps;
}

type Handlers<S extends ApiSpec> = {
  [K in keyof S]: (input: z.output<S[K]['input']>, ctx: ActionContext) => Promise<Outcome<OutputOf<S[K]>>>;
};

export type CloudFunction = (event: unknown, context: unknown) => Promise<Reply<unknown>>;

/** Fields the platform itself adds to a mini-program call's event; they are not the caller's input. */
const PLATFORM_FIELDS = new Set(['userInfo']);

let sharedDeps: ServerDeps | null = null;

/** One SDK app per container, made on first use: a warm call pays for nothing. */
export function defaultDeps(): ServerDeps {
  if (!sharedDeps) {
    const app = tcb.init({ env: process.env.LINLI_CLOUD_ENV || tcb.SYMBOL_CURRENT_ENV });
    const base: DispatchDeps = {
      store: createCloudbaseStore(app.database()),
      clock: systemClock,
      ids: { newId: () => randomBytes(12).toString('hex') },
      sender: cloudbaseSender(app),
      templates: loadTemplates(),
    };
    sharedDeps = { ...base, contentCheck: cloudbaseContentCheck(app), dispatch: (events) => dispatch(base, events) };
  }
  return sharedDeps;
}

function callerFrom(context: unknown): Caller | null {
  try {
    const env = tcb.getCloudbaseContext(context as never) as unknown as Record<string, unknown>;
    const openid = env.WX_OPENID;
    return typeof openid === 'string' && openid.length > 0 ? { openid } : null;
  } catch {
    return null;
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '填写的内容有误';
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return `不认识的字段：${issue.keys.join('、')}`;
  return path ? `${path}：${issue.message}` : issue.message;
}

export function defineFunction<S extends ApiSpec>(spec: S, handlers: Handlers<S>, getDeps: () => ServerDeps = defaultDeps): CloudFunction {
  return async function main(event, context) {
    try {
      const caller = callerFrom(context);
      if (!caller) return fail('UNAUTHENTICATED', '无法识别您的身份，请在微信中重新打开小程序');
      if (typeof event !== 'object' || event === null || Array.isArray(event)) return fail('INVALID_INPUT', '请求格式不正确');
      let size: number;
      try {
        size = Buffer.byteLength(JSON.stringify(event), 'utf8');
      } catch {
        return fail('INVALID_INPUT', '请求格式不正确');
      }
      if (size > MAX_PAYLOAD_BYTES) return fail('INVALID_INPUT', '提交的内容太长了');
      const { action, ...rest } = event as Record<string, unknown>;
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(spec, action)) {
        return fail('INVALID_INPUT', '不支持的操作');
      }
      const payload = Object.fromEntries(Object.entries(rest).filter(([k]) => !PLATFORM_FIELDS.has(k)));
      const actionSpec = spec[action] as ActionSpec;
      const parsed = actionSpec.input.safeParse(payload);
      if (!parsed.success) return fail('INVALID_INPUT', describeIssue(parsed.error));

      const deps = getDeps();
      const result = await handlers[action](parsed.data as never, { caller, deps });
      if (result.events.length) {
        try {
          await deps.dispatch(result.events);
        } catch (e) {
          console.error('[dispatch]', e);
        }
      }
      return ok(result.data);
    } catch (e) {
      if (isAppError(e)) return failFrom(e);
      console.error('[function]', e);
      return failFrom(new AppError('INTERNAL', '系统繁忙，请稍后再试'));
    }
  };
}

/** Adapts a use case that acts for a logged-in person: loads their session first. */
export const withSession =
  <I, O>(useCase: (deps: ServerDeps, session: Session, input: I) => Promise<Outcome<O>>) =>
  async (input: I, { caller, deps }: ActionContext): Promise<Outcome<O>> =>
    useCase(deps, await loadSession(deps.store, caller), input);

/**
 * The timer function's main: runs the registered jobs. A call from the mini-program carries an
 * OPENID and is refused; the timer trigger has none.
 */
export function defineTimer(run: (deps: ServerDeps) => Promise<Record<string, number | string>>, getDeps: () => ServerDeps = defaultDeps): CloudFunction {
  return async function main(_event, context) {
    if (callerFrom(context)) return fail('FORBIDDEN', '定时任务只能由系统触发');
    try {
      return ok(await run(getDeps()));
    } catch (e) {
      console.error('[timer]', e);
      return fail('INTERNAL');
    }
  };
}
