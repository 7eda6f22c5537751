import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commerceConfigSchema, type CommerceConfig } from '../config/commerceConfigSchema.js';
import { commerceConfigFile } from '../config/readCommerceConfig.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { resolveDatabaseConfig } from '../storage/resolveDatabaseConfig.js';
import { databaseLabel } from './databaseLabel.js';

/** `config/commerce.json` → `database`, read at once: help text is written synchronously. */
function configuredDatabase(root: string): { database: CommerceConfig['database'] } | undefined {
  const path = join(root, commerceConfigFile);
  if (!existsSync(path)) return { database: undefined };
  try {
    const parsed = commerceConfigSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? { database: parsed.data.database } : undefined;
  } catch {
    return undefined;
  }
}

function describeDatabase(root: string): string {
  const environment = process.env['COMMERCE_DATABASE_URL'];
  const configured = environment ? { database: undefined } : configuredDatabase(root);
  if (!configured) return `not known: ${commerceConfigFile} has problems (commerce validate lists them)`;
  try {
    const { config, source } = resolveDatabaseConfig({ root, environment, configFile: configured.database });
    return `${databaseLabel(config)}  (${source === 'default' ? 'the default' : `from ${source}`})`;
  } catch (error) {
    if (error instanceof ConfigurationError) return `not known: ${error.problems.map((p) => p.message).join('; ')}`;
    throw error;
  }
}

/** The root and the database a command works on, chosen as start-up chooses them, without connecting: for --help. */
export function describeTarget(root: string): string {
  return `\nRoot:      ${root}\nDatabase:  ${describeDatabase(root)}`;
}
