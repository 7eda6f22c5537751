import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';
import { onDriverConnection, onLoneConnection, sentAlone } from './driverStatement.js';
import { DriverTransaction, written, type TransactionEnds } from './DriverTransaction.js';
import type { Dialect, Row, TransactionIntent } from './Dialect.js';
import { loneReader, sqliteBusyTimeoutMs } from './sqliteKnex.js';
import { likePattern, placeholders } from './sqlText.js';
import { flatMap } from '../../util/flatMap.js';
import { isoText } from '../../util/isoText.js';

interface SqliteError {
  code?: string;
  message?: string;
}

/**
 * The part of a better-sqlite3 connection a statement is sent with (its prepare keeps statements: see sqliteKnex).
 * Values come as the driver binds them (toColumnValue: booleans as 0/1, datetimes as ISO text).
 */
interface SqliteConnection {
  prepare(sql: string): { all(values: readonly unknown[]): unknown[]; run(values: readonly unknown[]): { changes: number } };
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * A transaction's ends on a better-sqlite3 connection, each statement run at once (`exec`: no statement object).
 *
 * In WAL mode a transaction reads from the snapshot of its first read. If another connection (another server on the
 * same file) commits before this one's first write, that write fails at once with SQLITE_BUSY_SNAPSHOT, which no busy
 * timeout can wait out. A writing transaction therefore begins IMMEDIATE, taking the write lock first and then
 * reading the latest state. It does not wait for that lock in the driver, which would block the event loop (and,
 * with two foundations in one process, the very transaction it waits for): the busy timeout is set to 0
 * for its BEGIN: while another connection holds the lock it fails at once with SQLITE_BUSY, and beginWaiting waits
 * without blocking the event loop. (`exec`, not `pragma()`, which makes a statement object each time.) One
 * connection, and better-sqlite3 runs each statement to its end before anything else: no statement is under way while
 * the owner awaits, so a ROLLBACK ends the transaction at once, and there is nothing to kill.
 */
const ends: TransactionEnds = {
  begin(conn: SqliteConnection, intent, told) {
    if (!intent.writes) return told('BEGIN;', () => void conn.exec('BEGIN;'));
    conn.exec('PRAGMA busy_timeout = 0');
    try {
      return told('BEGIN IMMEDIATE;', () => void conn.exec('BEGIN IMMEDIATE;'));
    } finally {
      conn.exec(`PRAGMA busy_timeout = ${String(sqliteBusyTimeoutMs)}`);
    }
  },
  commit: (conn: SqliteConnection, told) => told('COMMIT;', () => void conn.exec('COMMIT;')),
  rollback(conn: SqliteConnection, told) {
    if (!conn.inTransaction) return;
    return told('ROLLBACK', () => void conn.exec('ROLLBACK'));
  },
};

const codeOf = (error: unknown): string => (error as SqliteError | undefined)?.code ?? '';

/**
 * Begins a transaction. A writing one takes the write lock as it begins, without waiting in the driver (see
 * the ends above): while another connection holds that lock, it is tried again here, without blocking the event loop,
 * for as long as a statement would wait.
 */
async function beginWaiting(knex: Knex, intent: TransactionIntent): Promise<DriverTransaction> {
  const deadline = performance.now() + sqliteBusyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await DriverTransaction.begin(knex, intent, ends);
    } catch (error) {
      if (codeOf(error) !== 'SQLITE_BUSY' || performance.now() > deadline) throw error;
      await delay(Math.min(attempt, 20));
    }
  }
}

/** Lists of at most this many values bind a placeholder each (see `in`). */
const placeholdersAtMost = 16;

/** SQLite through better-sqlite3. */
export const sqlite: Dialect = {
  name: 'sqlite',
  id: (name) => `"${name}"`,
  // A short list binds one value per key: a quarter faster than json_each for one key (the common lookup). SQLite binds
  // at most 32,766 values in a statement, and a list may be one of several in it: a longer one binds one JSON array,
  // which holds any number.
  in: (values) =>
    values.length > 0 && values.length <= placeholdersAtMost ? { sql: `IN (${placeholders(values.length)})`, bindings: values } : { sql: 'IN (SELECT value FROM json_each(?))', bindings: [JSON.stringify(values)] },
  keysIn: (keys) => sqlite.in(keys),
  like: (expression, text, where) => ({ sql: `${expression} LIKE ? ESCAPE '\\'`, bindings: [likePattern(text, where, '\\')] }),
  // Text orders by its UTF-8 bytes (the BINARY collation).
  textSortKey: (expression) => expression,
  // LIMIT -1: no limit.
  page: (offset, limit) => ({ sql: ' LIMIT ? OFFSET ?', bindings: [limit ?? -1, offset] }),
  // A writing transaction holds the whole database from its BEGIN IMMEDIATE on: there are no row locks to ask for.
  lockClause: () => '',
  // The SELECTs of a compound one cannot be parenthesised here, and need no locks.
  union: (selects) => ({ sql: selects.map((s) => s.sql).join(' UNION ALL '), bindings: flatMap(selects, (s) => s.bindings) }),
  json: { array: 'json_array', arrayAggregate: 'json_group_array' },
  // SQLite has no datetime type: ISO text sorts and compares as the times do.
  dateValue: (date) => isoText(date),
  tableOptions: () => undefined,
  keyCollation: () => Promise.resolve(undefined),
  indexNames: async (knex, table) => new Set((await knex.raw<{ name: string }[]>(`PRAGMA index_list("${table}")`)).map((row) => row.name)),
  rows(db, sql, bindings) {
    // Outside a transaction: on the pool's connection while it is free, else on the read-only one beside it (see sqliteKnex).
    const reader = loneReader(db);
    if (reader) return onLoneConnection(db as Knex, sql, bindings, () => reader.prepare(sql).all(bindings) as Row[]);
    return onDriverConnection(db, sql, bindings, (conn: SqliteConnection) => conn.prepare(sql).all(bindings) as Row[]);
  },
  rowsNow(db, sql, bindings) {
    const reader = loneReader(db);
    return reader ? sentAlone(db as Knex, sql, bindings, () => reader.prepare(sql).all(bindings) as Row[]) : undefined;
  },
  run: (db, sql, bindings) => onDriverConnection(db, sql, bindings, (conn: SqliteConnection) => conn.prepare(sql).run(bindings).changes),
  // A statement runs to its end in this turn: there is no round trip to hide, so a write is run at once.
  write: (db, sql, bindings, fault) => written(sqlite.run(db, sql, bindings), fault),
  // Every SQLite transaction is serializable.
  transactionIntent: (_isolationLevel, writes) => ({ writes }),
  beginTransaction: beginWaiting,
  uniqueViolation(error) {
    const code = codeOf(error);
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
    return /failed: [^.]+\.(\w+)/.exec((error as SqliteError).message ?? '')?.[1];
  },
  isForeignKeyViolation: (error) => codeOf(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY',
  isRetryableConflict: (error) => /^SQLITE_BUSY(_|$)/.test(codeOf(error)),
};
