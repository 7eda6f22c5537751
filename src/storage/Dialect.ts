import type { Knex } from 'knex';

export type DialectName = 'sqlite' | 'mysql';
export type LockMode = 'update' | 'share';

export function dialectOf(knex: Knex): DialectName {
  return (knex.client.config as { client?: unknown }).client === 'mysql2' ? 'mysql' : 'sqlite';
}

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
  sqlMessage?: string;
}

/** The column (SQLite) or index (MySQL) a unique constraint failure names; undefined for other errors. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as DriverError;
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return /failed: [^.]+\.(\w+)/.exec(e.message ?? '')?.[1];
  }
  if (e?.errno === 1062) return /for key '(?:[^']*\.)?([^']+)'/.exec(e.sqlMessage ?? e.message ?? '')?.[1];
  return undefined;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as DriverError;
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e?.errno === 1452;
}

/** Errors after which the whole transaction may be tried again: a deadlock, a lock wait timeout, any SQLITE_BUSY_*. */
export function isRetryableConflict(error: unknown): boolean {
  const e = error as DriverError;
  return e?.errno === 1213 || e?.errno === 1205 || /^SQLITE_BUSY(_|$)/.test(e?.code ?? '');
}

/** A transaction's config, and whether it is begun to write (SQLite then begins it IMMEDIATE: see createKnex). */
export interface TransactionIntent extends Knex.TransactionConfig {
  readonly writes?: boolean;
}
