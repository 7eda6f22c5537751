import { pino } from 'pino';
import { logLevels, type LogLevel } from '../index.js';

const isLogLevel = (level: string): level is LogLevel => (logLevels as readonly string[]).includes(level);

/**
 * The CLI's logger: pino on stderr, so that stdout holds only a command's output (`commerce request … | jq`), at
 * COMMERCE_LOG_LEVEL, or `warn` when it is unset: driver trouble shows, an operation's debug lines do not. A level
 * that is none is reported by start-up, as a configuration problem.
 */
export function cliLogger(environment: NodeJS.ProcessEnv = process.env): pino.Logger {
  const asked = environment['COMMERCE_LOG_LEVEL'] ?? '';
  return pino({ name: 'commerce', level: isLogLevel(asked) ? asked : 'warn' }, pino.destination({ fd: 2, sync: true }));
}
