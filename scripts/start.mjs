// `npm start`: builds the H5 app when the sources are newer than the last build, then runs the
// local cloud (database, functions, dev login, demo estate) serving it, and prints the URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, bin, newest, step } from './lib.mjs';

const built = newest(join(ROOT, 'dist', 'index.html'));
const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'config')));
if (!built || sources > built) step('build H5 (taro build --type h5)', bin('taro'), ['build', '--type', 'h5']);
const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'localcloud', 'main.ts')], { cwd: ROOT, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
