import knexFactory, { type Knex } from 'knex';
import { defaultPoolMax, type MysqlDatabaseConfig } from '../../config/databaseConfigSchema.js';
import type { KnexLog } from './Dialect.js';

type MysqlConnection = { query(sql: string, done: (error: unknown) => void): void };

/** MySQL/MariaDB through mysql2, on a pool of connections in strict mode. */
export function mysqlKnex({ connection, pool }: MysqlDatabaseConfig, log: KnexLog): Knex {
  const base = typeof connection === 'string' ? { uri: connection.replace(/^mariadb:/, 'mysql:') } : connection;
  return knexFactory({
    client: 'mysql2',
    compileSqlOnError: false,
    log,
    // The dialect's statements are prepared on each connection (see mysql.ts), which keeps its most recently used
    // ones: a bound far below the server's max_prepared_stmt_count (16,382 across all sessions) for a full pool.
    connection: { charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true, maxPreparedStatements: 256, ...base } as Knex.MySql2ConnectionConfig,
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
