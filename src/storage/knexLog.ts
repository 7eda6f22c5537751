import type { Logger } from '../logging/Logger.js';
import { firstLine } from '../util/firstLine.js';
import type { KnexLog } from './dialects/Dialect.js';

/**
 * knex's own warnings ("Connection Error", "Acquire connection error", with stack traces) go to the framework's
 * logger instead of the console, one line each. A failed connection attempt is logged at debug: knex rejects with
 * that same error right after, and the caller reports it (the CLI in one line), so a warning would say it twice.
 */
export function knexLog(logger: Logger): KnexLog {
  const line = (message: unknown) => ({ message: firstLine(String(message)) });
  return {
    warn: (message: unknown) => {
      if (String(message).startsWith('Acquire connection error')) logger.debug('database driver', line(message));
      else logger.warn('database driver', line(message));
    },
    error: (message: unknown) => logger.error('database driver', line(message)),
    deprecate: (method: string, alternative: string) => logger.warn('database driver', { message: `${method} is deprecated; use ${alternative}` }),
    debug: (message: unknown) => logger.debug('database driver', line(message)),
  };
}
