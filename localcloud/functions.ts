/**
 * Runs the cloud functions' handlers in this process, as CloudBase would: the event is the
 * callFunction body, and the caller arrives in the context's `environment`, never the event.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CloudFunction } from '../server/runtime';

export const FUNCTIONS_ROOT = resolve(__dirname, '..', 'cloudfunctions');

/** Function names: every folder of cloudfunctions/ with a TypeScript entry. */
export function listFunctions(root = FUNCTIONS_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export function loadFunctions(root = FUNCTIONS_ROOT): Map<string, CloudFunction> {
  const fns = new Map<string, CloudFunction>();
  for (const name of listFunctions(root)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(root, name, 'src', 'index.ts')) as { main: CloudFunction };
    fns.set(name, mod.main);
  }
  return fns;
}

/** The context CloudBase hands a function called from the mini-program by `openid`. */
export function functionContext(name: string, openid: string | null, clientIp = '127.0.0.1') {
  const requestId = randomBytes(8).toString('hex');
  const environment: Record<string, string> = { WX_APPID: 'wx-local', WX_CLIENTIP: clientIp, TCB_ENV: 'local', TCB_SOURCE: 'wx_client', TCB_UUID: requestId };
  if (openid) Object.assign(environment, { WX_OPENID: openid, WX_UNIONID: '' });
  return {
    request_id: requestId,
    function_name: name,
    function_version: '$LATEST',
    namespace: 'local',
    memory_limit_in_mb: 256,
    time_limit_in_ms: 10_000,
    environment: JSON.stringify(environment),
  };
}
