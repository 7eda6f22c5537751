interface DriverFields {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
}

/**
 * A database driver's error without its text: MariaDB quotes the values of a statement (`Duplicate entry
 * 'ann@example.com'`) and knex adds the statement itself. What stays — `code`, `errno`, `sqlState` — says what went
 * wrong, and is what retries and translations read.
 */
export class DatabaseError extends Error {
  readonly code: string | undefined;
  readonly errno: number | undefined;
  readonly sqlState: string | undefined;

  private constructor(fields: DriverFields) {
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    const errno = typeof fields.errno === 'number' ? fields.errno : undefined;
    super(`The database refused a statement: ${code ?? 'error'}${errno === undefined ? '' : ` (errno ${errno})`}`);
    this.name = 'DatabaseError';
    this.code = code;
    this.errno = errno;
    this.sqlState = typeof fields.sqlState === 'string' ? fields.sqlState : undefined;
  }

  /**
   * A DatabaseError for an error of the MySQL or SQLite driver; anything else as it is. Recognised by its fields, not
   * by `instanceof Error`: a native driver's errors may come from another realm (a test runner's, say).
   */
  static from(error: unknown): unknown {
    if (typeof error !== 'object' || error === null || error instanceof DatabaseError) return error;
    const fields = error as DriverFields;
    const fromDriver = typeof fields.sqlState === 'string' || (typeof fields.code === 'string' && fields.code.startsWith('SQLITE_'));
    return fromDriver ? new DatabaseError(fields) : error;
  }
}
