import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { defaultSqliteSynchronous, type SqliteDatabaseConfig } from '../../config/databaseConfigSchema.js';
import type { KnexLog } from './Dialect.js';

type SqliteConnection = { pragma(sql: string): unknown; prepare(sql: string): unknown; exec(sql: string): unknown; readonly inTransaction: boolean };

/** The part of a better-sqlite3 connection a lone read uses. */
export interface SqliteReader {
  prepare(sql: string): { all(values: readonly unknown[]): unknown[] };
}

/** Each SQLite knex's reader connection, while its pool's connection is open (see sqliteKnex). */
const readers = new WeakMap<object, SqliteReader>();

/**
 * The connection of its own that statements outside any transaction are sent on, for a SQLite knex (not one of its
 * transactions) that has one; undefined otherwise.
 */
export function loneReader(db: object): SqliteReader | undefined {
  return readers.get(db);
}

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

/** How long a statement waits for a lock another connection holds (in the driver, blocking the event loop). */
export const sqliteBusyTimeoutMs = 5000;

/** SQLite through better-sqlite3, on one connection. */
export function sqliteKnex({ filename, synchronous = defaultSqliteSynchronous }: SqliteDatabaseConfig, log: KnexLog): Knex {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    compileSqlOnError: false,
    log,
    // One connection: SQLite writes one transaction at a time, and `:memory:` lives in its connection.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (error: unknown, conn: unknown) => void) {
        if (filename !== ':memory:') conn.pragma('journal_mode = WAL');
        // Set every time: SQLite's default differs between the connection that turns a file to WAL and later ones.
        conn.pragma(`synchronous = ${synchronous}`);
        conn.pragma('foreign_keys = ON');
        conn.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
        cachePreparedStatements(conn);
        if (filename !== ':memory:') openReader();
        done(null, conn);
      },
    },
  });
  // A COMMIT that fails (a deferred constraint, SQLITE_BUSY, a full disk) leaves SQLite inside the transaction, and
  // knex hands the connection back to the pool all the same: whoever took the one connection next would work inside
  // it. The pool checks each connection before handing it out; a dangling transaction is rolled back there.
  const client = knex.client as { validateConnection(conn: SqliteConnection): boolean; destroy(callback?: unknown): Promise<void> };
  client.validateConnection = (conn) => {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    return true;
  };

  // A lone SELECT (a cold read, outside any transaction) goes to a second connection, opened beside the pool's one
  // (after it has made the file WAL) and closed with it. In WAL mode it reads the latest committed state without
  // waiting for the pool's one connection, which a writing transaction holds across its awaits and its COMMIT's
  // flush, and without the pool's acquire and release (promises and a timer) per statement. `query_only`: it cannot
  // write. better-sqlite3 runs each statement to its end, so it never holds a snapshot between statements. None for
  // `:memory:`, whose database lives in the pool's connection.
  let reader: Database.Database | undefined;
  const closeReader = () => {
    readers.delete(knex);
    reader?.close();
    reader = undefined;
  };
  function openReader() {
    closeReader();
    const opened = new Database(filename);
    opened.pragma('query_only = ON');
    opened.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
    cachePreparedStatements(opened);
    reader = opened;
    readers.set(knex, opened);
  }
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    closeReader();
    return destroy(callback);
  };
  return knex;
}
