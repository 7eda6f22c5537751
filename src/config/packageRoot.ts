import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'commerce-foundation') return dir;
    if (dirname(dir) === dir) throw new Error(`commerce-foundation: no package.json above ${from}`);
  }
}

/** The folder of the commerce-foundation package, whether run from source or from `dist/`. */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
