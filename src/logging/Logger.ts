/** What a log line carries besides its message: pino's "merging object". Never a bound value, an email or a card number. */
export type LogFields = Record<string, unknown>;

/** One level's method, as pino has it: the fields first, then the message. */
export type LogMethod = (fields: LogFields, message: string) => void;

/**
 * The logger the framework writes to: any pino-compatible logger (pino itself, or an adapter with these methods).
 * Lines about a request come from `child({ requestId, handler })`.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child(bindings: LogFields): Logger;
  /** pino's: when the logger has it, work for a level it turns down (SQL text at debug) is not done at all. */
  isLevelEnabled?(level: string): boolean;
}

/** Whether a logger keeps lines of a level; one without `isLevelEnabled` is given them all and decides for itself. */
export function logsAt(logger: Logger, level: 'debug' | 'info' | 'warn' | 'error'): boolean {
  return logger.isLevelEnabled?.(level) ?? true;
}

const ignore = (): void => undefined;

/** A logger that keeps nothing: for start-up's trial assemblies and checks, whose problems are reported otherwise. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore, child: () => silentLogger, isLevelEnabled: () => false };
