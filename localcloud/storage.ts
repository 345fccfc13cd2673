/**
 * Local file storage, standing in for CloudBase storage: the H5 build uploads a photo's bytes
 * here and gets a file ID of the same shape (cloud://local/<folder>/<name>); the page shows it
 * from /storage/<folder>/<name>. Only images, only into known folders, at most 5 MB.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';
import { fail, ok } from '../src/core/shared/reply';

export const FOLDERS = ['wishes', 'fulfilments'] as const;
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const TYPES: Array<{ ext: string; mime: string; test: (b: Buffer) => boolean }> = [
  { ext: 'jpg', mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'gif', mime: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { ext: 'webp', mime: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function createStorage(dataDir: string) {
  const root = join(dataDir, 'storage');

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL) {
    const openid = req.headers['x-dev-openid'];
    if (typeof openid !== 'string' || !openid) return sendJson(res, 200, fail('UNAUTHENTICATED', '请先登录'));
    const folder = url.searchParams.get('folder') ?? '';
    if (!(FOLDERS as readonly string[]).includes(folder)) return sendJson(res, 200, fail('INVALID_INPUT', '不支持的上传位置'));
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (!body) return sendJson(res, 200, fail('INVALID_INPUT', '照片太大了（最大 5 MB）'));
    const type = TYPES.find((t) => t.test(body));
    if (!type) return sendJson(res, 200, fail('INVALID_INPUT', '只能上传照片（JPG、PNG、GIF、WEBP）'));
    const name = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}.${type.ext}`;
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, name), body);
    return sendJson(res, 200, ok({ fileId: `cloud://local/${folder}/${name}` }));
  }

  function serve(res: ServerResponse, path: string) {
    const m = /^\/storage\/([a-z]+)\/([A-Za-z0-9-]+\.(jpg|png|gif|webp))$/.exec(path);
    const file = m && (FOLDERS as readonly string[]).includes(m[1]) ? join(root, m[1], m[2]) : null;
    if (!file || !existsSync(file)) return sendJson(res, 404, fail('NOT_FOUND', '没有这个文件'));
    res.writeHead(200, { 'content-type': TYPES.find((t) => t.ext === m![3])!.mime, 'cache-control': 'max-age=86400' });
    createReadStream(file).pipe(res);
  }

  return { upload, serve };
}
