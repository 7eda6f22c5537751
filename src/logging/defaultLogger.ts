import { pino } from 'pino';

/** The levels `log.level` and COMMERCE_LOG_LEVEL take: pino's, lowest first, and `silent`. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The logger when options give none: pino, JSON lines on stdout, at the configured level. */
export function defaultLogger(level: LogLevel): pino.Logger {
  return pino({ name: 'commerce-foundation', level });
}
