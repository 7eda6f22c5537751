import knexFactory, { type Knex } from 'knex';
import { defaultPoolMax, type MysqlDatabaseConfig, type ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import { quietLogger, type Logger } from '../logging/Logger.js';
import { knexLog, type KnexLog } from './knexLog.js';
import { sqliteKnex } from './sqliteKnex.js';
import { countStatementsOf } from './statementCounter.js';

type MysqlConnection = { query(sql: string, done: (error: unknown) => void): void };

function mysqlKnex(connection: MysqlDatabaseConfig['connection'], pool: MysqlDatabaseConfig['pool'], log: KnexLog): Knex {
  const base = typeof connection === 'string' ? { uri: connection.replace(/^mariadb:/, 'mysql:') } : connection;
  return knexFactory({
    client: 'mysql2',
    compileSqlOnError: false,
    log,
    connection: { charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true, ...base } as Knex.MySql2ConnectionConfig,
    pool: {
      min: pool?.min ?? 0,
      max: pool?.max ?? defaultPoolMax,
      afterCreate(conn: MysqlConnection, done: (error: unknown, conn: unknown) => void) {
        // Lists are aggregated with JSON_ARRAYAGG, which MariaDB caps at group_concat_max_len (1 MiB by default).
        const settings = "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO', group_concat_max_len = 4194304";
        conn.query(`SET SESSION ${settings}`, (error) => done(error, conn));
      },
    },
  });
}

/**
 * A knex for the resolved database, counting statements for traces. `compileSqlOnError: false` keeps the values of a
 * failed statement (emails, addresses) out of its error message, which may reach a response or a log.
 */
export function createKnex(config: ResolvedDatabaseConfig, logger: Logger = quietLogger): Knex {
  const log = knexLog(logger);
  const knex = config.client === 'sqlite' ? sqliteKnex(config, log) : mysqlKnex(config.connection, config.pool, log);
  countStatementsOf(knex);
  return knex;
}
