import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud/server';

export interface TestCloud extends LocalCloud {
  dataDir: string;
  /** POST /api/<fn> as the mini-program would, as `openid` (none: no caller). */
  call(fn: string, body: unknown, openid?: string | null): Promise<any>;
  /** POST a raw body, for malformed requests. */
  callRaw(fn: string, raw: string, openid?: string | null): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** A local cloud on a free port with its own temporary data directory. */
export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'linli-test-'));
  const cloud = await startLocalCloud({ port: 0, timerMs: 0, ...options, dataDir });
  const callRaw = async (fn: string, raw: string, openid?: string | null) => {
    const res = await fetch(`${cloud.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
      body: raw,
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    ...cloud,
    dataDir,
    callRaw,
    call: async (fn, body, openid) => (await callRaw(fn, JSON.stringify(body), openid)).body,
    stop: async () => {
      await cloud.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
