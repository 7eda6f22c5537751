/** The environment variables the framework reads, read here and nowhere else. */
export interface CommerceEnvironment {
  /** COMMERCE_DATABASE_URL: the database, when options give none. */
  readonly databaseUrl: string | undefined;
  /** COMMERCE_ENCRYPTION_KEY: the key for card numbers. */
  readonly encryptionKey: string | undefined;
  /** COMMERCE_LOG_LEVEL: the default logger's level, before config/commerce.json's `log.level`. */
  readonly logLevel: string | undefined;
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): CommerceEnvironment {
  return {
    databaseUrl: nonEmpty(env['COMMERCE_DATABASE_URL']),
    encryptionKey: nonEmpty(env['COMMERCE_ENCRYPTION_KEY']),
    logLevel: nonEmpty(env['COMMERCE_LOG_LEVEL']),
  };
}
