import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A folder of the package a module file belongs to: the nearest folder above `moduleUrl` (a module's
 * `import.meta.url`) that holds a package.json, joined with `relative`. The same from the sources and from a build
 * in dist/, so that a module can ship data folders beside its code: `packageFolder(import.meta.url, 'modules/loyalty')`.
 */
export function packageFolder(moduleUrl: string, relative: string): string {
  const from = dirname(fileURLToPath(moduleUrl));
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, relative);
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
