import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ChildCloud {
  url: string;
  child: ChildProcess;
}

/** Starts `localcloud/main.ts` in its own process (as `npm start` does) on a free port. */
export function startChildCloud(dataDir: string, env: Record<string, string> = {}): Promise<ChildCloud> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), not the tsx CLI, which runs the server in a child that
    // a SIGKILL of the CLI would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'localcloud', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LINLI_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ url: m[1], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with ${code}:\n${out}`));
    });
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
