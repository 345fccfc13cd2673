import * as z from 'zod';

/** Document ids as the store makes them, or the seed's readable ones. */
export const id = () => z.string().trim().min(1).max(256).regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** One line of text a person typed: trimmed, not empty, bounded. */
export const line = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** Mainland mobile numbers (11 digits, starting 1[3-9]). */
export const mobile = () => z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写11位手机号码');

export const cursor = () => z.string().max(512).nullable().optional();

/**
 * A stored file: a CloudBase storage file ID (cloud://<env>.<bucket>/<path>), as the
 * mini-program's uploadFile answers, or the local cloud's cloud://local/<path>.
 */
export const fileId = () =>
  z
    .string()
    .trim()
    .max(512)
    .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '图片编号格式不正确')
    .refine((s) => !s.includes('..'), '图片编号格式不正确');
