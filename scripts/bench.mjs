// `npm run bench`: the figures the README quotes. Prints, never asserts; compare figures taken
// in one run (this machine is shared and noisy).
//   - weapp main package size (miniprogram/), H5 size (dist/)
//   - each cloud function's bundle size
//   - cold start of a function: a fresh Node process requires the bundle and makes its first
//     call (auth.login through the real SDK against a local cloud), median of several runs,
//     beside a warm call and beside a cold require of the unbundled SDK.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, bin, du, step } from './lib.mjs';
import { buildFunctions } from './build-functions.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(join(ROOT, 'miniprogram', 'app.json'))) step('build weapp', bin('taro'), ['build', '--type', 'weapp']);
if (!existsSync(join(ROOT, 'dist', 'index.html'))) step('build H5', bin('taro'), ['build', '--type', 'h5']);
const sizes = await buildFunctions({ quiet: true });

console.log('\n== Size');
console.log(`weapp main package (miniprogram/): ${kB(du(join(ROOT, 'miniprogram')))}  (WeChat limit 2048 kB)`);
console.log(`H5 build (dist/):                  ${kB(du(join(ROOT, 'dist')))}`);
for (const [name, size] of Object.entries(sizes)) console.log(`${`function ${name} bundle:`.padEnd(35)}${kB(size)}`);

// A local cloud in its own process, as the functions would find CloudBase.
const dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
const cloud = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'localcloud', 'main.ts')], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', LINLI_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  cloud.stdout.on('data', (c) => {
    out += c;
    const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  cloud.once('exit', () => reject(new Error(out)));
});

const env = {
  ...process.env,
  TENCENTCLOUD: 'true',
  TENCENTCLOUD_SECRETID: 'local',
  TENCENTCLOUD_SECRETKEY: 'local',
  TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
  LINLI_CLOUD_ENV: 'local',
};
const probe = (bundle) => `
  const t0 = performance.now();
  const { main } = require(${JSON.stringify(bundle)});
  const t1 = performance.now();
  const ctx = { request_id: 'bench', environment: JSON.stringify({ WX_OPENID: 'demo-resident', TCB_ENV: 'local' }) };
  main({ action: 'login' }, ctx).then(async (r) => {
    const t2 = performance.now();
    if (!r.ok) throw new Error(JSON.stringify(r));
    await main({ action: 'login' }, ctx);
    const t3 = performance.now();
    console.log(JSON.stringify({ require: t1 - t0, first: t2 - t1, warm: t3 - t2 }));
  });`;
const sdkProbe = `const t0 = performance.now(); require('@cloudbase/node-sdk'); console.log(JSON.stringify({ require: performance.now() - t0 }));`;
const measure = (code) => {
  const res = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout.trim().split('\n').pop());
};

try {
  console.log(`\n== Cold start (median of ${RUNS} fresh processes)`);
  // One function stands for all: they share the runtime, the SDK and zod, and differ in size by ~1%.
  for (const name of ['auth']) {
    const runs = Array.from({ length: RUNS }, () => measure(probe(join(ROOT, 'cloudfunctions', name, 'index.js'))));
    const req = median(runs.map((r) => r.require));
    const first = median(runs.map((r) => r.first));
    const warm = median(runs.map((r) => r.warm));
    console.log(`function ${name}: require ${req.toFixed(0)} ms + first call ${first.toFixed(0)} ms = cold ${(req + first).toFixed(0)} ms; warm call ${warm.toFixed(1)} ms`);
  }
  const sdk = median(Array.from({ length: RUNS }, () => measure(sdkProbe).require));
  console.log(`for comparison, cold require of the unbundled @cloudbase/node-sdk: ${sdk.toFixed(0)} ms`);
} finally {
  cloud.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

console.log('\n== Vote tally (in-process)');
{
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench-tally.ts')], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  process.stdout.write(res.stdout);
}
