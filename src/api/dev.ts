/**
 * The H5 dev login: pick one of the local cloud's seeded demo people; their OPENID then goes
 * with every call as x-dev-openid. In the weapp the platform vouches for the caller instead.
 */
import Taro from '@tarojs/taro';
import { ApiError, DEV_OPENID_KEY, httpJson, readDevOpenid, readReply } from './client';

export interface DemoPerson {
  openid: string;
  name: string;
  description: string;
}

export const isH5 = (): boolean => process.env.TARO_ENV === 'h5';

export const getDevOpenid = (): string => readDevOpenid();

export function setDevOpenid(openid: string): void {
  if (openid) Taro.setStorageSync(DEV_OPENID_KEY, openid);
  else Taro.removeStorageSync(DEV_OPENID_KEY);
}

/** GET /dev/people from the local cloud (H5 only). */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  if (!isH5()) throw new ApiError('NOT_FOUND', '开发登录只在本地网页版中使用');
  const people = readReply<unknown>(await httpJson('GET', '/dev/people'));
  if (!Array.isArray(people)) throw new ApiError('INTERNAL');
  return people.filter(
    (p): p is DemoPerson =>
      typeof p === 'object' && p !== null && typeof p.openid === 'string' && typeof p.name === 'string',
  ).map((p) => ({ openid: p.openid, name: p.name, description: typeof p.description === 'string' ? p.description : '' }));
}
