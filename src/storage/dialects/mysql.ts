import { mysqlTransactionEnds } from './mysqlTransactions.js';
import { DriverTransaction, written } from './DriverTransaction.js';
import { onDriverConnection } from './driverStatement.js';
import { likePattern, placeholders } from './sqlText.js';
import type { Dialect, LockMode, Row } from './Dialect.js';
import { keyCollationOf } from './mysqlKeyCollation.js';
import { flatMap } from '../../util/flatMap.js';

interface MysqlError {
  errno?: number;
  message?: string;
  sqlMessage?: string;
}

/** What knex's raw answers through mysql2: the rows of a SELECT (a change's result header), then the fields. */
type DriverAnswer<T> = [T, unknown];

/** The part of a mysql2 connection a statement is sent with. */
interface MysqlConnection {
  execute(sql: string, values: readonly unknown[], done: (error: Error | null, answer: unknown) => void): void;
  query(sql: string, values: readonly unknown[], done: (error: Error | null, answer: unknown) => void): void;
}

/**
 * Statements binding more values go as text: a prepared statement takes at most 65,535, and one with thousands is
 * rarely sent twice (a read of many keys), while kept it would hold memory on the server until evicted.
 */
const preparedValuesAtMost = 1000;
const forUpdate = ' FOR UPDATE';
const inShareMode = ' LOCK IN SHARE MODE';

/**
 * A statement prepared on the connection (once: mysql2 keeps each connection's prepared statements, see mysqlKnex)
 * and run with its values bound, rather than escaped into its text as knex's raw does through mysql2's query: a
 * profile's JSON statement binds a few keys where its text would be kilobytes to escape and parse.
 *
 * A locking read is sent as text too, its values escaped by mysql2: prepared, MariaDB 10.11 locks the rows of a locking
 * UNION in another order, and parallel deletes of users sharing addresses deadlock again (from at most 3 retries in
 * 20 rounds to 8–52: test/integration/userprofile/concurrency.test.ts). A locking read of one table is no exception:
 * with only the UNIONs as text and the locked loads prepared, the same test needed 21 retries in 20 rounds (a Create
 * was 6–13 % faster, its existing items' shared-lock read prepared; the guarantee was kept, the cost moved to
 * whoever deletes in parallel).
 */
function execute<T>(conn: MysqlConnection, sql: string, bindings: readonly unknown[]): Promise<T> {
  const asText = bindings.length > preparedValuesAtMost || sql.includes(forUpdate) || sql.includes(inShareMode);
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, answer: unknown) => {
      if (error) reject(error);
      else resolve(answer as T);
    };
    if (asText) conn.query(sql, bindings, done);
    else conn.execute(sql, bindings, done);
  });
}

const errnoOf = (error: unknown): number | undefined => (error as MysqlError | undefined)?.errno;

const lockClause = (lock: LockMode | undefined): string => (lock === 'update' ? forUpdate : lock === 'share' ? inShareMode : '');

/** MySQL and MariaDB through mysql2. */
export const mysql: Dialect = {
  name: 'mysql',
  id: (name) => `\`${name}\``,
  // No limit on bound values to keep under that a list of keys could reach (a prepared statement takes 65,535).
  in: (values) => ({ sql: `IN (${placeholders(values.length)})`, bindings: values }),
  // One key of a unique index makes a "const" table, which MySQL and MariaDB read, and lock, while they optimize the
  // whole statement, before its first branch runs: two deletes then lock cards and addresses in opposite orders and
  // deadlock. A NULL beside the key matches nothing and keeps the lookup a range, read in its turn.
  keysIn: (keys) => mysql.in(keys.length === 1 ? [...keys, null] : keys),
  // In a string literal a backslash escapes (the session's sql_mode has no NO_BACKSLASH_ESCAPES): the literal is one backslash.
  like: (expression, text, where) => ({ sql: `${expression} LIKE ? ESCAPE '\\\\'`, bindings: [likePattern(text, where, '\\')] }),
  textSortKey: (expression) => `WEIGHT_STRING(${expression})`,
  // The largest LIMIT there is stands for none.
  page: (offset, limit) => ({ sql: ' LIMIT ? OFFSET ?', bindings: [limit ?? Number.MAX_SAFE_INTEGER, offset] }),
  lockClause,
  union: (selects) => ({
    sql: selects.map((s) => `(${s.sql}${lockClause(s.lock)})`).join(' UNION ALL '),
    bindings: flatMap(selects, (s) => s.bindings),
  }),
  json: { array: 'JSON_ARRAY', arrayAggregate: 'JSON_ARRAYAGG' },
  dateValue: (date) => date,
  tableOptions(table) {
    table.charset('utf8mb4');
    table.collate('utf8mb4_unicode_ci');
  },
  keyCollation: (knex, tables) => keyCollationOf(mysql, knex, tables),
  indexNames: async (knex, table) => new Set(((await knex.raw('SHOW INDEX FROM ??', [table])) as DriverAnswer<{ Key_name: string }[]>)[0].map((row) => row.Key_name)),
  rows: (db, sql, bindings) => onDriverConnection(db, sql, bindings, (conn: MysqlConnection) => execute<Row[]>(conn, sql, bindings)),
  run: (db, sql, bindings) => onDriverConnection(db, sql, bindings, async (conn: MysqlConnection) => (await execute<{ affectedRows: number }>(conn, sql, bindings)).affectedRows),
  // Each statement is a round trip: inside a transaction, a write is queued and the caller goes on meanwhile.
  write: (db, sql, bindings, fault) =>
    db instanceof DriverTransaction ? db.defer(sql, bindings, (conn: MysqlConnection) => execute(conn, sql, bindings), fault) : written(mysql.run(db, sql, bindings), fault),
  transactionIntent: (isolationLevel, writes) => (isolationLevel ? { isolationLevel, writes } : { writes }),
  beginTransaction: (knex, intent) => DriverTransaction.begin(knex, intent, mysqlTransactionEnds),
  uniqueViolation(error) {
    if (errnoOf(error) !== 1062) return undefined;
    const { sqlMessage, message } = error as MysqlError;
    return /for key '(?:[^']*\.)?([^']+)'/.exec(sqlMessage ?? message ?? '')?.[1];
  },
  isForeignKeyViolation: (error) => errnoOf(error) === 1452,
  // A deadlock (1213) or a lock wait timeout (1205).
  isRetryableConflict: (error) => errnoOf(error) === 1213 || errnoOf(error) === 1205,
};
