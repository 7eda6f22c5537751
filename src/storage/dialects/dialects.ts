import type { Knex } from 'knex';
import type { ResolvedDatabaseConfig } from '../../config/databaseConfigSchema.js';
import type { Dialect, KnexLog } from './Dialect.js';
import { acceptBegunTransactions } from './DriverTransaction.js';
import { mysql } from './mysql.js';
import { mysqlKnex } from './mysqlKnex.js';
import { sqlite } from './sqlite.js';
import { sqliteKnex } from './sqliteKnex.js';

/** The dialect of a knex (or of one of its transactions), told by the driver it was made with. */
export function dialectOf(knex: Knex): Dialect {
  return (knex.client as { config: Knex.Config }).config.client === 'mysql2' ? mysql : sqlite;
}

/** A knex for the resolved database, through its dialect's driver; its transactions may be begun by the dialect (see DriverTransaction). */
export function dialectKnex(config: ResolvedDatabaseConfig, log: KnexLog): Knex {
  const knex = config.client === 'mysql' ? mysqlKnex(config, log) : sqliteKnex(config, log);
  acceptBegunTransactions(knex);
  return knex;
}
