import { AppError, DEFAULT_MESSAGES, type ErrorCode } from './errors';

/** What every cloud function answers (DESIGN.md, API conventions). */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, message?: string): Reply<never> => ({
  ok: false,
  error: { code, message: message ?? DEFAULT_MESSAGES[code] },
});

export const failFrom = (e: AppError): Reply<never> => fail(e.code, e.message);
