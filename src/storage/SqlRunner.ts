import type { Knex } from 'knex';
import type { DialectName, LockMode } from './Dialect.js';

type Row = Record<string, unknown>;

/** Runs SQL text built from definition names (never request text), with every value bound. */
export class SqlRunner {
  constructor(readonly dialect: DialectName) {}

  /** Quotes a name that comes from a definition (already limited to [a-z0-9_]). */
  readonly id = (name: string): string => (this.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

  placeholders(count: number): string {
    return count === 1 ? '?' : `?${', ?'.repeat(count - 1)}`;
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
