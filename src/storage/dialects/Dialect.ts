import type { Knex } from 'knex';
import type { SqlTarget } from './driverStatement.js';
import type { DriverTransaction, TransactionIntent } from './DriverTransaction.js';

export type { TransactionIntent } from './DriverTransaction.js';
import type { BoundSql } from './sqlText.js';

export type DialectName = 'sqlite' | 'mysql';
export type LockMode = 'update' | 'share';
export type Row = Record<string, unknown>;
/** Where a knex sends its own warnings and errors. */
export type KnexLog = NonNullable<Knex.Config['log']>;

/** A SELECT of a UNION, with the lock it takes on what it reads. */
export interface LockedSelect extends BoundSql {
  readonly lock: LockMode | undefined;
}

/** The JSON functions a profile's row and lists are selected with. */
export interface JsonFunctions {
  readonly array: string;
  readonly arrayAggregate: string;
}

/**
 * Everything that differs between the databases, one object per database: the SQL text, what the driver answers,
 * what its errors mean, and how a transaction begins. Code above storage asks the dialect and never a database's name.
 */
export interface Dialect {
  readonly name: DialectName;
  /** Quotes a name that comes from a definition (already limited to [a-z0-9_]); a plain function, taken out as `const { id } = sql`. */
  readonly id: (name: string) => string;
  /** `IN (…)` for a list of values, however long. */
  in(values: readonly unknown[]): BoundSql;
  /**
   * `IN (…)` for the keys a locking read looks up in one branch of a UNION: read, and locked, when that branch runs,
   * so that a statement's branches lock in the order they are written (the order a decision locks in).
   */
  keysIn(keys: readonly unknown[]): BoundSql;
  /**
   * `expression LIKE ?` with its ESCAPE clause, matching `text` literally at the start (`startsWith`) or anywhere
   * (`contains`): `%`, `_` and the escape character in it match themselves.
   */
  like(expression: string, text: string, where: 'start' | 'anywhere'): BoundSql;
  /**
   * An expression of a text column whose values, read in JavaScript, compare byte for byte as ORDER BY orders the
   * column (a collation's sort key): for merging pages that several databases sorted.
   */
  textSortKey(expression: string): string;
  /** What a SELECT ends with to return `limit` rows (all, when undefined) from the `offset`-th on. */
  page(offset: number, limit: number | undefined): BoundSql;
  /** What a SELECT ends with to lock the rows it reads with `lock`. */
  lockClause(lock: LockMode | undefined): string;
  /** One statement of UNION ALL selects, each with its own lock. */
  union(selects: readonly LockedSelect[]): BoundSql;
  readonly json: JsonFunctions;
  /** A datetime as the driver binds it. */
  dateValue(date: Date): unknown;
  /** A new table's character set and collation, where the database has them. */
  tableOptions(table: Knex.CreateTableBuilder): void;
  /**
   * The collation of key columns (byte for byte, trailing spaces included, as keys compare in the cache), once the
   * key columns of `tables` that an earlier release made otherwise have moved to it; undefined where text compares
   * that way already.
   */
  keyCollation(knex: Knex, tables: readonly string[]): Promise<string | undefined>;
  /** The names of a table's indexes. */
  indexNames(knex: Knex, table: string): Promise<Set<string>>;
  /** Runs a SELECT and answers its rows. */
  rows(db: SqlTarget, sql: string, bindings: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs a lone SELECT (outside any transaction) and answers its rows in this turn, where the driver can without
   * waiting (SQLite's connection while it is free: see sqliteKnex); undefined where it must wait, and nothing is sent.
   * Told to knex's listeners as `rows` is. Absent where the driver always waits (a round trip).
   */
  rowsNow?(db: SqlTarget, sql: string, bindings: readonly unknown[]): Row[] | undefined;
  /** Runs an INSERT, UPDATE or DELETE and answers how many rows it touched. */
  run(db: SqlTarget, sql: string, bindings: readonly unknown[]): Promise<number>;
  /**
   * Runs an INSERT, UPDATE or DELETE whose row count no one reads; its failure is what `fault` makes of the driver's
   * error. Where a round trip is worth hiding (MySQL/MariaDB, inside a driver transaction) the write is queued on the
   * transaction and this settles at once: the caller's work runs while the database answers, and a failure is
   * thrown by the transaction's next statement or by its commit, which rolls back (see DriverTransaction.defer).
   */
  write(db: SqlTarget, sql: string, bindings: readonly unknown[], fault: (error: unknown) => unknown): Promise<void>;
  transactionIntent(isolationLevel: Knex.IsolationLevels | undefined, writes: boolean): TransactionIntent;
  /**
   * Begins a transaction on a connection of the knex's pool, with the driver (see DriverTransaction). Its `abandon`
   * ends it without waiting for its owner (a timed-out operation whose component still runs), releasing its locks
   * now, whatever statement it is inside of.
   */
  beginTransaction(knex: Knex, intent: TransactionIntent): Promise<DriverTransaction>;
  /** The column or index a unique constraint failure names; undefined for other errors. */
  uniqueViolation(error: unknown): string | undefined;
  isForeignKeyViolation(error: unknown): boolean;
  /** Errors after which the whole transaction may be tried again (a deadlock, a lock that could not be had). */
  isRetryableConflict(error: unknown): boolean;
}
