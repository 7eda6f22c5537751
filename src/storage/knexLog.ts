import type { Logger } from '../logging/Logger.js';
import { operationLoggerOr } from '../logging/operationLogger.js';
import { firstLine } from '../util/firstLine.js';
import type { KnexLog } from './dialects/Dialect.js';

/**
 * knex's own warnings ("Connection Error", "Acquire connection error", with stack traces) go to the framework's
 * logger instead of the console, one line each. A failed connection attempt is logged at debug: knex rejects with
 * that same error right after, and the caller reports it (the CLI in one line), so a warning would say it twice.
 * knex's debug messages are objects that may hold a statement's bound values: only their SQL text is kept.
 */
export function knexLog(logger: Logger): KnexLog {
  const line = (message: unknown) => ({ detail: firstLine(String(message)) });
  return {
    warn: (message: unknown) => {
      if (String(message).startsWith('Acquire connection error')) logger.debug(line(message), 'database driver');
      else logger.warn(line(message), 'database driver');
    },
    error: (message: unknown) => logger.error(line(message), 'database driver'),
    deprecate: (method: string, alternative: string) => logger.warn({ detail: `${method} is deprecated; use ${alternative}` }, 'database driver'),
    debug: (message: unknown) => {
      const sql = (message as { sql?: unknown } | null)?.sql;
      logger.debug(typeof sql === 'string' ? { sql } : line(message), 'database driver');
    },
  };
}

/**
 * SQL text at debug, with the requestId and handler of the operation that sends it; never its bound values, which
 * may be emails, addresses or card numbers. Decided once: a logger that turns debug down costs no listener.
 */
export function logStatementsOf(knex: { on(event: 'query', listener: (query: { sql: string }) => void): unknown }, logger: Logger): void {
  if (!(logger.isLevelEnabled?.('debug') ?? true)) return;
  knex.on('query', (query: { sql: string }) => operationLoggerOr(logger).debug({ sql: query.sql }, 'sql'));
}
