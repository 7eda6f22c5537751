import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commerceConfigSchema, type CommerceConfig } from './commerceConfigSchema.js';
import { readJsonFile, type ReadResult } from './readJsonFile.js';

export const commerceConfigFile = 'config/commerce.json';

/** `<root>/config/commerce.json`, or every default where there is none. */
export async function readCommerceConfig(root: string): Promise<ReadResult<CommerceConfig>> {
  const path = join(root, commerceConfigFile);
  if (!existsSync(path)) return { ok: true, value: commerceConfigSchema.parse({}) };
  return readJsonFile(path, commerceConfigFile, commerceConfigSchema);
}
