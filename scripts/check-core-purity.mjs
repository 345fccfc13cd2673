// src/core must stay pure: it may import its own files and a short list of pure libraries,
// nothing from Taro, React, the CloudBase SDK, the database or Node built-ins. Exits 1 if not.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ALLOWED_PACKAGES = new Set(['zod', 'dayjs', '@noble/hashes']);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function impureImports(dir = join(root, 'src', 'core')) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|mjs)$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        const re = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
        for (const m of text.matchAll(re)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
          if (spec.startsWith('.')) continue;
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (!ALLOWED_PACKAGES.has(pkg)) found.push(`${relative(root, p)}: imports '${spec}'`);
        }
      }
    }
  };
  walk(dir);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bad = impureImports(process.argv[2]);
  if (bad.length) {
    console.error(`src/core must not import platform or Node modules:\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  console.log('src/core is pure.');
}
