import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './Logger.js';

const scope = new AsyncLocalStorage<Logger>();

/** Runs an operation with its logger (requestId, handler) as the one SQL text is logged to. */
export function withOperationLogger<T>(logger: Logger, run: () => T): T {
  return scope.run(logger, run);
}

/** The logger of the operation running, or `fallback` outside any (start-up, migrations). */
export function operationLoggerOr(fallback: Logger): Logger {
  return scope.getStore() ?? fallback;
}
