/**
 * The local cloud: what a developer runs instead of a CloudBase environment.
 *   POST /admin          the CloudBase HTTP API subset the SDK speaks (admin.ts), on SQLite
 *   POST /api/<function> runs a cloud function's handler as CloudBase would
 *   GET  /dev/people     the seeded demo people, for the dev login
 *   POST /storage/upload a photo's bytes (storage.ts); GET /storage/… serves it
 *   GET  /*              the H5 build (dist/)
 * One local cloud per process: handlers reach it through the SDK's environment variables.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { DocDb } from './docdb';
import { createAdmin } from './admin';
import { readBody, sendJson } from './http';
import { functionContext, loadFunctions } from './functions';
import { DEMO_PEOPLE, seedDemo } from './seed';
import { createStorage } from './storage';
import contentWords from './content-words.json';
import { createCloudbaseStore } from '../server/cloudbase-store';
import { fail } from '../src/core/shared/reply';
import type { Store } from '../src/core/shared/ports';

export interface LocalCloudOptions {
  /** 0 picks a free port. Default: PORT or 8787. */
  port?: number;
  /** Default: LINLI_DATA_DIR or .linli/ */
  dataDir?: string;
  /** The H5 build to serve; default dist/. */
  staticDir?: string;
  /** Seed the demo estate on first start; default true. */
  seed?: boolean;
  /** How often to run the timer function, in ms; 0 never. Default LINLI_TIMER_MS or 60000. */
  timerMs?: number;
}

export interface LocalCloud {
  url: string;
  adminUrl: string;
  port: number;
  db: DocDb;
  /** A Store on this cloud through the real SDK, as the functions have. */
  store: Store;
  /** Runs the timer function once, as its trigger would. */
  runTimer(): Promise<unknown>;
  /** Makes the next `n` subscribe-message sends fail (to test retries). */
  failNextSends(n: number): void;
  close(): Promise<void>;
}

/** Where the subscribe messages the functions send land, instead of WeChat. */
export const OUTBOX = 'devOutbox';
const LOCAL_TEMPLATES = JSON.stringify({ noticePublished: 'local-notice-published', bindingReviewed: 'local-binding-reviewed', bindingRequested: 'local-binding-requested', wishUpdated: 'local-wish-updated', pointsChanged: 'local-points-changed', proposalReview: 'local-proposal-review', voteOpened: 'local-vote-opened', requestUpdated: 'local-request-updated' });

const MAX_ADMIN_BODY = 16 * 1024 * 1024;
/** The handler enforces the real limit (64 KB); this only stops a runaway upload. */
const MAX_API_BODY = 1024 * 1024;
const ROOT = resolve(__dirname, '..');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Points the SDK, in this process, at this local cloud, as CloudBase's own environment would. */
function configureSdk(adminUrl: string) {
  Object.assign(process.env, {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: process.env.TENCENTCLOUD_SECRETID || 'local',
    TENCENTCLOUD_SECRETKEY: process.env.TENCENTCLOUD_SECRETKEY || 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    LINLI_CLOUD_ENV: 'local',
    LINLI_SUBSCRIBE_TEMPLATES: process.env.LINLI_SUBSCRIBE_TEMPLATES || LOCAL_TEMPLATES,
  });
}

const escapeHtml = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The dev page of the outbox: the subscribe messages WeChat would have delivered, newest first. */
function outboxPage(sent: Array<Record<string, unknown>>): string {
  const rows = sent
    .map((m) => {
      const r = (m.request ?? {}) as { touser?: string; template_id?: string; page?: string; data?: Record<string, { value: string }> };
      const fields = Object.entries(r.data ?? {}).map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v.value)}`).join('<br>');
      return `<tr><td>${escapeHtml(new Date(Number(m.at)).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</td><td>${escapeHtml(r.touser)}</td><td>${escapeHtml(r.template_id)}</td><td>${fields}</td><td>${escapeHtml(r.page)}</td><td>${m.delivered ? '已送达' : '发送失败（将重试）'}</td></tr>`;
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>订阅消息发件箱</title><style>body{font:18px/1.5 sans-serif;margin:24px}td,th{border:1px solid #999;padding:6px 10px;vertical-align:top}table{border-collapse:collapse}</style><h1>订阅消息发件箱（本地云）</h1><p>生产环境中这些消息由微信 subscribeMessage.send 发出。最新的在前，最多 100 条。</p><table><tr><th>时间</th><th>接收者 OPENID</th><th>模板</th><th>内容</th><th>页面</th><th>状态</th></tr>${rows || '<tr><td colspan="6">还没有消息</td></tr>'}</table>`;
}

function serveStatic(res: ServerResponse, staticDir: string, pathname: string) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(staticDir, safe);
  if (!file.startsWith(staticDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('H5 版本尚未构建：请运行 npm run build:h5 (npm start 会自动构建)');
    return;
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

async function parseJson(req: IncomingMessage, limit: number): Promise<{ body?: unknown; tooLarge?: boolean; invalid?: boolean }> {
  const raw = await readBody(req, limit);
  if (!raw) return { tooLarge: true };
  try {
    return { body: JSON.parse(raw.toString('utf8') || 'null') };
  } catch {
    return { invalid: true };
  }
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const dataDir = resolve(options.dataDir ?? process.env.LINLI_DATA_DIR ?? '.linli');
  const staticDir = resolve(options.staticDir ?? join(ROOT, 'dist'));
  mkdirSync(dataDir, { recursive: true });
  const db = DocDb.open(dataDir);
  const admin = createAdmin(db);
  const functions = loadFunctions();
  let failures = 0;

  const storage = createStorage(dataDir);

  /**
   * WeChat's open API as the SDK calls it (action wx.api): subscribe messages go to the outbox;
   * the text check answers from the local word list.
   */
  function wxApi(body: Record<string, unknown>) {
    const requestId = `local-${Date.now().toString(36)}`;
    let request: unknown = null;
    try {
      request = typeof body.requestData === 'string' && body.requestData ? JSON.parse(body.requestData) : null;
    } catch {
      return { code: 'INVALID_PARAM', message: 'requestData is not JSON', requestId };
    }
    if (body.apiName === 'security.msgSecCheck') {
      const content = String((request as { content?: unknown } | null)?.content ?? '');
      const suggest = contentWords.risky.some((w) => content.includes(w)) ? 'risky' : contentWords.review.some((w) => content.includes(w)) ? 'review' : 'pass';
      return { data: { responseData: JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 } }) }, requestId };
    }
    const failed = failures > 0;
    if (failed) failures--;
    db.insert(OUTBOX, [{ apiName: body.apiName, request, at: Date.now(), delivered: !failed }]);
    const reply = failed ? { errcode: 45009, errmsg: 'local cloud: failure injected for a test' } : { errcode: 0, errmsg: 'ok' };
    return { data: { responseData: JSON.stringify(reply) }, requestId };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'POST' && path === '/admin') {
      const { body, tooLarge, invalid } = await parseJson(req, MAX_ADMIN_BODY);
      if (tooLarge || invalid || typeof body !== 'object' || body === null) {
        return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body must be a JSON object', requestId: '' });
      }
      const request = body as Record<string, unknown>;
      return sendJson(res, 200, request.action === 'wx.api' ? wxApi(request) : await admin(request));
    }
    if (path.startsWith('/api/')) {
      const fn = functions.get(path.slice('/api/'.length));
      if (!fn) return sendJson(res, 404, fail('NOT_FOUND', '没有这个云函数'));
      if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', '请用 POST 调用'));
      const { body, tooLarge, invalid } = await parseJson(req, MAX_API_BODY);
      if (tooLarge) return sendJson(res, 200, fail('INVALID_INPUT', '提交的内容太长了'));
      if (invalid) return sendJson(res, 200, fail('INVALID_INPUT', '请求格式不正确'));
      const openid = req.headers['x-dev-openid'];
      const context = functionContext(fn.name, typeof openid === 'string' && openid ? openid : null, req.socket.remoteAddress);
      return sendJson(res, 200, await fn(body, context));
    }
    if (req.method === 'GET' && path === '/dev/people') {
      return sendJson(res, 200, { ok: true, data: DEMO_PEOPLE.map(({ openid, name, description }) => ({ openid, name, description })) });
    }
    if (req.method === 'GET' && path === '/dev/outbox') {
      const sent = db.find(OUTBOX, {}, { sort: [['at', -1]], limit: 100 });
      if (!(req.headers.accept ?? '').includes('text/html')) return sendJson(res, 200, { ok: true, data: sent });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(outboxPage(sent));
    }
    if (req.method === 'POST' && path === '/storage/upload') return storage.upload(req, res, url);
    if (req.method === 'GET' && path.startsWith('/storage/')) return storage.serve(res, path);
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { ok: true });
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, staticDir, path);
    sendJson(res, 404, fail('NOT_FOUND'));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[localcloud]', e);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: String(e), requestId: '' });
    });
  });

  const port = options.port ?? Number(process.env.PORT ?? 8787);
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actual}`;
  const adminUrl = `${url}/admin`;
  configureSdk(adminUrl);
  const store = createCloudbaseStore(tcb.init({ env: 'local', serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' }).database());
  if (options.seed !== false) await seedDemo(store, Date.now());

  const timer = functions.get('timer');
  const runTimer = () => (timer ? timer({ Type: 'Timer', TriggerName: 'every5minutes', Time: new Date().toISOString() }, functionContext('timer', null)) : Promise.resolve(null));
  const timerMs = options.timerMs ?? Number(process.env.LINLI_TIMER_MS ?? 60_000);
  const interval = timerMs > 0 ? setInterval(() => void runTimer().catch((e) => console.error('[timer]', e)), timerMs) : null;
  interval?.unref();

  return {
    url,
    adminUrl,
    port: actual,
    db,
    store,
    runTimer,
    failNextSends: (n) => {
      failures = n;
    },
    close: () =>
      new Promise<void>((ok) => {
        if (interval) clearInterval(interval);
        server.closeAllConnections();
        server.close(() => {
          db.close();
          ok();
        });
      }),
  };
}
