export interface CommerceFaultOptions {
  readonly cause?: unknown;
  readonly operationIndex?: number;
}

/** The base of every failure an operation answers with. `faultName` names the kind for remote channels. */
export class CommerceFault extends Error {
  readonly faultName: string;
  operationIndex: number;

  constructor(faultName: string, message: string, options: CommerceFaultOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = faultName;
    this.faultName = faultName;
    this.operationIndex = options.operationIndex ?? -1;
  }

  toJSON(): Record<string, unknown> {
    return { faultName: this.faultName, message: this.message, operationIndex: this.operationIndex };
  }
}
