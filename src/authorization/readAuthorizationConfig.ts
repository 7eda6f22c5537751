import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, type ReadResult } from '../config/readJsonFile.js';
import { authorizationConfigSchema, type AuthorizationConfig } from './authorizationConfigSchema.js';

export const authorizationConfigFile = 'config/authorization.json';

/** `<root>/config/authorization.json`; `undefined` where there is none: then nothing is checked. */
export async function readAuthorizationConfig(root: string): Promise<ReadResult<AuthorizationConfig | undefined>> {
  const path = join(root, authorizationConfigFile);
  if (!existsSync(path)) return { ok: true, value: undefined };
  return readJsonFile(path, authorizationConfigFile, authorizationConfigSchema);
}
