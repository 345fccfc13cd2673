import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'check-core-purity.mjs');
const run = (dir?: string) => spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });

describe('src/core stays pure', () => {
  it('imports nothing but its own files, zod and dayjs', () => {
    const res = run();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('the check fails on a core that imports Taro, the SDK, React or Node built-ins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impure-core-'));
    mkdirSync(join(dir, 'wish'));
    writeFileSync(
      join(dir, 'wish', 'bad.ts'),
      [
        "import Taro from '@tarojs/taro';",
        "import { readFileSync } from 'fs';",
        "import tcb from '@cloudbase/node-sdk';",
        "export { useState } from 'react';",
        "const p = require('node:path');",
        "import { z } from 'zod';",
        "import { x } from '../shared/x';",
      ].join('\n'),
    );
    const res = run(dir);
    expect(res.status).toBe(1);
    for (const m of ['@tarojs/taro', "'fs'", '@cloudbase/node-sdk', "'react'", 'node:path']) expect(res.stderr).toContain(m);
    expect(res.stderr).not.toContain("'zod'");
    expect(res.stderr).not.toContain('../shared/x');
  });
});
