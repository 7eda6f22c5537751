import type { Knex } from 'knex';
import { abandonMysqlTransaction } from './mysqlAbandon.js';
import { beginTransaction } from './beginTransaction.js';
import { likePattern, placeholders } from './sqlText.js';
import type { Dialect, LockMode, Row } from './Dialect.js';
import { keyCollationOf } from './mysqlKeyCollation.js';

interface MysqlError {
  errno?: number;
  message?: string;
  sqlMessage?: string;
}

/** What knex's raw answers through mysql2: the rows of a SELECT (a change's result header), then the fields. */
type DriverAnswer<T> = [T, unknown];

const errnoOf = (error: unknown): number | undefined => (error as MysqlError | undefined)?.errno;

const lockClause = (lock: LockMode | undefined): string => (lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' LOCK IN SHARE MODE' : '');

/** MySQL and MariaDB through mysql2. */
export const mysql: Dialect = {
  name: 'mysql',
  id: (name) => `\`${name}\``,
  // mysql2 writes each value into the statement: no limit on bound values to keep under.
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
    bindings: selects.flatMap((s) => s.bindings),
  }),
  json: { object: 'JSON_OBJECT', array: 'JSON_ARRAY', arrayAggregate: 'JSON_ARRAYAGG' },
  dateValue: (date) => date,
  tableOptions(table) {
    table.charset('utf8mb4');
    table.collate('utf8mb4_unicode_ci');
  },
  keyCollation: (knex, tables) => keyCollationOf(mysql, knex, tables),
  indexNames: async (knex, table) => new Set(((await knex.raw('SHOW INDEX FROM ??', [table])) as DriverAnswer<{ Key_name: string }[]>)[0].map((row) => row.Key_name)),
  rows: async (db, sql, bindings) => ((await db.raw(sql, bindings as Knex.RawBinding[])) as DriverAnswer<Row[]>)[0],
  run: async (db, sql, bindings) => ((await db.raw(sql, bindings as Knex.RawBinding[])) as DriverAnswer<{ affectedRows: number }>)[0].affectedRows,
  transactionIntent: (isolationLevel, writes) => (isolationLevel ? { isolationLevel, writes } : { writes }),
  beginTransaction,
  abandonTransaction: abandonMysqlTransaction,
  uniqueViolation(error) {
    if (errnoOf(error) !== 1062) return undefined;
    const { sqlMessage, message } = error as MysqlError;
    return /for key '(?:[^']*\.)?([^']+)'/.exec(sqlMessage ?? message ?? '')?.[1];
  },
  isForeignKeyViolation: (error) => errnoOf(error) === 1452,
  // A deadlock (1213) or a lock wait timeout (1205).
  isRetryableConflict: (error) => errnoOf(error) === 1213 || errnoOf(error) === 1205,
};
