import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { MysqlDatabaseConfig, ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import { countStatementsOf } from './statementCounter.js';

type SqliteConnection = { pragma(sql: string): unknown; prepare(sql: string): unknown; exec(sql: string): unknown; readonly inTransaction: boolean };

const statementsKept = 256;

/**
 * knex prepares every statement again on each call; better-sqlite3 statements can be run again and again, so each
 * connection keeps its most recently used ones (the framework's SQL text repeats: values are always bound).
 */
function cachePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const kept = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else statement = prepare(sql);
    kept.set(sql, statement);
    if (kept.size > statementsKept) kept.delete(kept.keys().next().value ?? '');
    return statement;
  };
}
/**
 * knex writes its warnings with console.log, into stdout, where a program's own output goes (the CLI's response
 * JSON); and it warns of each failed connection attempt, stack and all, just before it rejects with that same error,
 * which reaches the caller. So warnings go to stderr, and that one goes.
 */
const knexLog = {
  warn(message: string) {
    if (!message.startsWith('Acquire connection error')) console.warn(`knex: ${message}`);
  },
  error: (message: string) => console.error(`knex: ${message}`),
  deprecate: (message: string) => console.warn(`knex: ${message}`),
  debug: (message: string) => console.error(`knex: ${message}`),
};

type MysqlConnection = { query(sql: string, done: (error: unknown) => void): void };

function sqliteKnex(filename: string): Knex {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    compileSqlOnError: false,
    log: knexLog,
    // One connection: SQLite writes one transaction at a time, and `:memory:` lives in its connection.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (error: unknown, conn: unknown) => void) {
        if (filename !== ':memory:') conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        cachePreparedStatements(conn);
        done(null, conn);
      },
    },
  });
  // A COMMIT that fails (a deferred constraint, SQLITE_BUSY, a full disk) leaves SQLite inside the transaction, and
  // knex hands the connection back to the pool all the same: whoever took the one connection next would work inside
  // it. The pool checks each connection before handing it out; a dangling transaction is rolled back there.
  const client = knex.client as { validateConnection(conn: SqliteConnection): boolean };
  client.validateConnection = (conn) => {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    return true;
  };
  return knex;
}

function mysqlKnex(connection: MysqlDatabaseConfig['connection'], pool: MysqlDatabaseConfig['pool']): Knex {
  const base = typeof connection === 'string' ? { uri: connection.replace(/^mariadb:/, 'mysql:') } : connection;
  return knexFactory({
    client: 'mysql2',
    compileSqlOnError: false,
    log: knexLog,
    connection: { charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true, ...base } as Knex.MySql2ConnectionConfig,
    pool: {
      min: pool?.min ?? 0,
      max: pool?.max ?? 10,
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
export function createKnex(config: ResolvedDatabaseConfig): Knex {
  const knex = config.client === 'sqlite' ? sqliteKnex(config.filename) : mysqlKnex(config.connection, config.pool);
  countStatementsOf(knex);
  return knex;
}
