export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

/** The default: warnings and errors to stderr, nothing else. */
export const quietLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (message, details) => console.warn(`commerce-foundation: ${message}`, details ?? ''),
  error: (message, details) => console.error(`commerce-foundation: ${message}`, details ?? ''),
};
