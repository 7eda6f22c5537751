import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { isComponentRegistration as isComponent, type SequenceComponentRegistration } from '../sequences/SequenceComponent.js';

/**
 * The components a module exports, by export name (a default export that is a plain object counts as a map of
 * them): `config/commerce.json` → `"components": "./lib/components.js"` lets the CLI see an app's components.
 */
export async function loadComponentsModule(
  root: string,
  path: string | undefined,
): Promise<{ components: Record<string, SequenceComponentRegistration>; problems: ConfigurationProblem[] }> {
  if (!path) return { components: {}, problems: [] };
  let exported: Record<string, unknown>;
  try {
    exported = (await import(pathToFileURL(resolve(root, path)).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { components: {}, problems: [{ file: 'config/commerce.json', path: 'components', message: `${path} cannot be loaded: ${reason}` }] };
  }
  const { default: fallback, ...named } = exported;
  const entries = { ...(typeof fallback === 'object' && fallback !== null && !isComponent(fallback) ? fallback : {}), ...named };
  return { components: Object.fromEntries(Object.entries(entries).filter(([, value]) => isComponent(value))) as Record<string, SequenceComponentRegistration>, problems: [] };
}
