import { isAbsolute, relative, sep } from 'node:path';
import { packageRoot } from './packageRoot.js';

function inside(parent: string, file: string): string | undefined {
  const rel = relative(parent, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
}

/** How a file is named in messages: relative to the app root, or as a file of the package. */
export function displayPath(root: string, file: string): string {
  const inPackage = inside(packageRoot, file);
  return inside(root, file) ?? (inPackage ? `commerce-foundation/${inPackage}` : file);
}
