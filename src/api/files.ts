/**
 * Photos: chosen on the phone, uploaded to storage, and referred to by a file ID everywhere else.
 *
 *   weapp: Taro.cloud.uploadFile → CloudBase storage; the file ID (cloud://…) is shown as it is,
 *          the mini-program's <Image> reads cloud file IDs directly.
 *   H5:    POST the bytes to the local cloud's /storage/upload → cloud://local/<path>, shown
 *          from /storage/<path>.
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE, readDevOpenid, readReply } from './client';

export type PhotoFolder = 'wishes' | 'fulfilments';

const LOCAL_PREFIX = 'cloud://local/';
const MAX_BYTES = 5 * 1024 * 1024;

/** Lets the person pick up to `count` photos (camera or album), compressed; answers local paths. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch {
    return []; // cancelled
  }
}

const randomName = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Uploads one chosen photo; answers its file ID. Throws an ApiError fit to show. */
export async function uploadPhoto(filePath: string, folder: PhotoFolder): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return uploadLocal(filePath, folder);
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${randomName()}.jpg`, filePath });
    return res.fileID;
  } catch {
    throw new ApiError('INTERNAL', '照片上传失败，请稍后再试');
  }
}

async function uploadLocal(filePath: string, folder: PhotoFolder): Promise<string> {
  let blob: Blob;
  try {
    blob = await (await fetch(filePath)).blob();
  } catch {
    throw new ApiError('INVALID_INPUT', '读不到这张照片，请重新选择');
  }
  if (blob.size > MAX_BYTES) throw new ApiError('INVALID_INPUT', '照片太大了（最大 5 MB）');
  const headers: Record<string, string> = { 'content-type': blob.type || 'application/octet-stream' };
  const openid = readDevOpenid();
  if (openid) headers['x-dev-openid'] = openid;
  let res: Response;
  try {
    res = await fetch(`/storage/upload?folder=${folder}`, { method: 'POST', headers, body: blob });
  } catch {
    throw new ApiError('INTERNAL', NETWORK_MESSAGE);
  }
  return readReply<{ fileId: string }>(await res.json()).fileId;
}

/** What an <Image src> takes for a file ID. */
export const photoUrl = (fileId: string): string => (fileId.startsWith(LOCAL_PREFIX) ? `/storage/${fileId.slice(LOCAL_PREFIX.length)}` : fileId);
