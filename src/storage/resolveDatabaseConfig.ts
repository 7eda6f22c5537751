import { isAbsolute, resolve } from 'node:path';
import type { DatabaseConfig, ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import { redactUrl } from '../config/redactUrl.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { parseDatabaseUrl } from './parseDatabaseUrl.js';

export const defaultDatabaseFile = 'data/commerce.sqlite';

export interface DatabaseChoice {
  readonly config: ResolvedDatabaseConfig;
  /** Where the choice came from: `options.database`, `COMMERCE_DATABASE_URL`, `config/commerce.json` or `default`. */
  readonly source: string;
}

interface Sources {
  readonly root: string;
  readonly options?: DatabaseConfig | undefined;
  readonly environment?: string | undefined;
  readonly configFile?: DatabaseConfig | undefined;
}

function notAUrl(source: string, text: string): never {
  throw new ConfigurationError([{ file: source, path: 'database', message: `${redactUrl(text)} is no mysql://…, sqlite:<path> or sqlite::memory: URL` }]);
}

/** Applies the precedence options → COMMERCE_DATABASE_URL → config/commerce.json → embedded SQLite. */
export function resolveDatabaseConfig({ root, options, environment, configFile }: Sources): DatabaseChoice {
  const [source, config] =
    options !== undefined
      ? ['options.database', options]
      : environment
        ? ['COMMERCE_DATABASE_URL', environment]
        : configFile !== undefined
          ? ['config/commerce.json', configFile]
          : ['default', { client: 'sqlite' as const, filename: defaultDatabaseFile }];
  const parsed = typeof config === 'string' ? (parseDatabaseUrl(config) ?? notAUrl(source, config)) : config;
  if (parsed.client === 'sqlite' && parsed.filename !== ':memory:' && !isAbsolute(parsed.filename)) {
    return { source, config: { ...parsed, filename: resolve(root, parsed.filename) } };
  }
  return { source, config: parsed };
}
