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

/** What sqliteKnex reads of knex's pool (tarn's public counts). */
interface PoolCounts {
  numUsed(): number;
  numFree(): number;
  numPendingValidations(): number;
}

/** For each SQLite knex, the connection its lone reads go to now (see sqliteKnex). */
const loneReads = new WeakMap<object, () => SqliteReader | undefined>();

/**
 * The connection a statement outside any transaction is sent on now, for a SQLite knex (not one of its
 * transactions); undefined where it must borrow one from the pool.
 */
export function loneReader(db: object): SqliteReader | undefined {
  return loneReads.get(db)?.();
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
  /** The pool's one connection, and the reader beside it (see below). */
  let main: SqliteConnection | undefined;
  let reader: Database.Database | undefined;
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
        main = conn;
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

  // A lone SELECT (a cold read, outside any transaction) needs no transaction of its own, and better-sqlite3 runs it
  // to its end before anything else runs. While the pool's one connection is free (no one holds it, and it is in no
  // transaction) it is run there at once, without the pool's acquire and release (promises and a timer) per
  // statement: that connection's page cache stays warm, as SQLite empties a connection's whole page cache when
  // another connection has written since its last read. While a transaction holds it (across its awaits and its
  // COMMIT's flush), a file database's read goes to a second connection, opened beside the pool's one (after it
  // has made the file WAL) and closed with it, `query_only`: in WAL mode it reads the latest committed state
  // without waiting for the writer. `:memory:`, whose database lives in the one connection, waits for it.
  const closeReader = () => {
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
  }
  loneReads.set(knex, () => {
    const pool = (knex.client as { pool?: PoolCounts }).pool;
    if (!pool) return undefined;
    if (main && !main.inTransaction && pool.numUsed() === 0 && pool.numFree() === 1 && pool.numPendingValidations() === 0) return main as unknown as SqliteReader;
    return reader;
  });
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    main = undefined;
    closeReader();
    return destroy(callback);
  };
  return knex;
}
