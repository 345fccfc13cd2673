/**
 * An acknowledged write survives `kill -9`: the local cloud is killed in the middle of a stream
 * of writes, restarted on the same data directory, and every write it acknowledged is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { createCloudbaseStore } from '../../server/cloudbase-store';
import { killHard, startChildCloud, type ChildCloud } from '../helpers/child-cloud';

process.env.TENCENTCLOUD = 'true';
const storeAt = (url: string) => createCloudbaseStore(tcb.init({ env: 'local', serviceUrl: `${url}/admin`, secretId: 'x', secretKey: 'y', timeout: 3000 }).database());

let dataDir: string;
let running: ChildCloud | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-durable-'));
});
afterAll(async () => {
  if (running) await killHard(running.child);
  // The SDK arms a 3 s "slow request" warning per request and clears it only on a response;
  // the requests cut off by the kill never get one, so let those timers run out here.
  await new Promise((r) => setTimeout(r, 3100));
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps every acknowledged write across a SIGKILL and a restart', async () => {
  running = await startChildCloud(dataDir);
  const store = storeAt(running.url);
  const acked: string[] = [];
  const counterId = await store.insert('durable', { kind: 'counter', n: 0 });
  let incs = 0;

  // Four writers insert and increment until the cloud dies under them.
  let killed = false;
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const id = await store.insert('durable', { kind: 'row', writer: w, i });
        acked.push(id);
        if (await store.update('durable', counterId, { inc: { n: 1 } })) incs++;
      } catch {
        return; // the server is gone: whatever was not acknowledged may or may not be there
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (acked.length < 60) await new Promise((r) => setTimeout(r, 5));
  killed = true;
  await killHard(running.child);
  await Promise.all(writers);
  const ackedAtKill = [...acked];
  const incsAtKill = incs;

  running = await startChildCloud(dataDir);
  const after = storeAt(running.url);
  for (const id of ackedAtKill) expect(await after.get('durable', id)).toMatchObject({ _id: id, kind: 'row' });
  const counter = await after.get<{ _id: string; n: number }>('durable', counterId);
  // Every acknowledged increment is there; one in flight at the kill may have landed too.
  expect(counter!.n).toBeGreaterThanOrEqual(incsAtKill);
  expect(counter!.n).toBeLessThanOrEqual(incsAtKill + 4);
  // The demo seed ran once, not again on restart.
  expect(await after.count('users', { name: '王阿姨' })).toBe(1);
}, 60_000);
