import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commerceConfigSchema } from '../config/commerceConfigSchema.js';
import { readEnvironment } from '../config/environment.js';
import { commerceConfigFile } from '../config/readCommerceConfig.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { resolveDatabaseConfig, type DatabaseChoice } from '../storage/resolveDatabaseConfig.js';

/**
 * The database start-up would open for an app, and where that choice came from, decided at once without
 * connecting (COMMERCE_DATABASE_URL, then config/commerce.json, then the embedded default): for tools and help
 * texts. A config file with problems is a ConfigurationError.
 */
export function databaseChoiceOf(root: string): DatabaseChoice {
  const at = resolve(root);
  const environment = readEnvironment().databaseUrl;
  const path = join(at, commerceConfigFile);
  let configFile;
  if (environment === undefined && existsSync(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new ConfigurationError([{ file: commerceConfigFile, path: '', message: 'is not valid JSON (commerce validate says where)' }]);
    }
    const parsed = commerceConfigSchema.safeParse(json);
    if (!parsed.success) throw new ConfigurationError([{ file: commerceConfigFile, path: '', message: 'has problems (commerce validate lists them)' }]);
    configFile = parsed.data.database;
  }
  return resolveDatabaseConfig({ root: at, environment, configFile });
}
