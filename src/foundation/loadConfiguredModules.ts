import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { firstLine } from '../util/firstLine.js';

/** Where `config/commerce.json` → `modules` points: a path relative to the root, or a package name the app can import. */
function specifierOf(root: string, entry: string): string {
  if (entry.startsWith('.') || entry.startsWith('/')) return pathToFileURL(resolve(root, entry)).href;
  return pathToFileURL(createRequire(resolve(root, 'package.json')).resolve(entry)).href;
}

/**
 * The modules `config/commerce.json` → `modules` names, each the default export (or the `module` export) of what it
 * points at, so that the CLI loads them too. Each one that cannot be loaded is a problem at its place in the list.
 */
export async function loadConfiguredModules(root: string, entries: readonly string[] | undefined): Promise<{ modules: unknown[]; problems: ConfigurationProblem[] }> {
  const modules: unknown[] = [];
  const problems: ConfigurationProblem[] = [];
  for (const [i, entry] of (entries ?? []).entries()) {
    const where = { file: 'config/commerce.json', path: `modules[${i}]` };
    try {
      const exported = (await import(specifierOf(root, entry))) as { default?: unknown; module?: unknown };
      const module = exported.default ?? exported.module;
      if (module === undefined) problems.push({ ...where, message: `${entry} exports no module: export default defineCommerceModule({ … })` });
      else modules.push(module);
    } catch (error) {
      problems.push({ ...where, message: `${entry} cannot be loaded: ${error instanceof Error ? firstLine(error.message) : String(error)}` });
    }
  }
  return { modules, problems };
}
