// `npm test`: every check and every test. Builds first (functions, weapp, H5), since the build
// tests and the browser test read their output. LINLI_SKIP_BUILD=1 reuses the last build.
import { ROOT, bin, step } from './lib.mjs';
import { join } from 'node:path';

const jestArgs = process.argv.slice(2);
step('src/core is pure', process.execPath, [join(ROOT, 'scripts', 'check-core-purity.mjs')]);
step('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (process.env.LINLI_SKIP_BUILD !== '1') {
  step('build cloud functions', process.execPath, [join(ROOT, 'scripts', 'build-functions.mjs')]);
  step('build weapp (taro build --type weapp)', bin('taro'), ['build', '--type', 'weapp']);
  step('build H5 (taro build --type h5)', bin('taro'), ['build', '--type', 'h5']);
}
step('jest', bin('jest'), jestArgs);
