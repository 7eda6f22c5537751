import type { Knex } from 'knex';
import type { ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import { silentLogger, type Logger } from '../logging/Logger.js';
import { dialectKnex } from './dialects/dialects.js';
import { knexLog, logStatementsOf } from './knexLog.js';
import { countStatementsOf } from './statementCounter.js';

/**
 * A knex for the resolved database, counting statements for traces and logging their SQL text at debug.
 * `compileSqlOnError: false` (set by each dialect) keeps the values of a failed statement (emails, addresses) out of
 * its error message, which may reach a response or a log.
 */
export function createKnex(config: ResolvedDatabaseConfig, logger: Logger = silentLogger): Knex {
  const knex = dialectKnex(config, knexLog(logger));
  countStatementsOf(knex);
  logStatementsOf(knex, logger);
  return knex;
}
