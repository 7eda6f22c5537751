import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/Logger.js';

/** What the loggers of one request's operations share: the request's id, the request context's or one made for it. */
export class RequestLog {
  constructor(
    readonly logger: Logger,
    private requestId: string | undefined,
  ) {}

  child(handler: string): Logger {
    this.requestId ??= randomUUID();
    return this.logger.child({ requestId: this.requestId, handler });
  }
}

/** The logger of one operation, with its request's id and its handler: made on first use, as most operations log nothing. */
export class OperationLog {
  private made: Logger | undefined;

  constructor(
    private readonly request: RequestLog,
    private readonly handler: string,
  ) {}

  get logger(): Logger {
    this.made ??= this.request.child(this.handler);
    return this.made;
  }
}
