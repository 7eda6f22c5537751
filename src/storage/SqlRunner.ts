import type { Knex } from 'knex';
import type { DialectName, LockMode } from './Dialect.js';

type Row = Record<string, unknown>;

/** A piece of SQL text and the values bound to its placeholders. */
export interface BoundSql {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** SQLite binds at most this many values in a statement (SQLITE_MAX_VARIABLE_NUMBER); MySQL/MariaDB packets stay bounded too. */
const maxBindings = 32766;

/** Runs SQL text built from definition names (never request text), with every value bound. */
export class SqlRunner {
  constructor(readonly dialect: DialectName) {}

  /** Quotes a name that comes from a definition (already limited to [a-z0-9_]). */
  readonly id = (name: string): string => (this.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

  placeholders(count: number): string {
    return count === 1 ? '?' : `?${', ?'.repeat(count - 1)}`;
  }

  /**
   * `IN (…)` for a list of values, however long. SQLite takes the list as one JSON array (it binds at most 32,766
   * values in a statement, and a list may be one of several in it); mysql2 writes each value into the statement.
   */
  in(values: readonly unknown[]): BoundSql {
    return this.dialect === 'sqlite'
      ? { sql: 'IN (SELECT value FROM json_each(?))', bindings: [JSON.stringify(values)] }
      : { sql: `IN (${this.placeholders(values.length)})`, bindings: values };
  }

  /** Items in batches that bind at most `maxBindings` values, `bindingsEach` per item: a statement per batch. */
  batches<T>(items: readonly T[], bindingsEach: number): T[][] {
    const size = Math.max(1, Math.floor(maxBindings / bindingsEach));
    return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  }

  lockClause(lock: LockMode | undefined): string {
    if (this.dialect !== 'mysql' || !lock) return '';
    return lock === 'update' ? ' FOR UPDATE' : ' LOCK IN SHARE MODE';
  }

  async rows(db: Knex, sql: string, bindings: readonly unknown[]): Promise<Row[]> {
    const result = await db.raw(sql, bindings as Knex.RawBinding[]);
    return (this.dialect === 'mysql' ? result[0] : result) as Row[];
  }

  /** Runs an INSERT, UPDATE or DELETE and answers how many rows it touched. */
  async run(db: Knex, sql: string, bindings: readonly unknown[]): Promise<number> {
    const result = await db.raw(sql, bindings as Knex.RawBinding[]);
    return this.dialect === 'mysql' ? (result[0] as { affectedRows: number }).affectedRows : (result as { changes: number }).changes;
  }
}
