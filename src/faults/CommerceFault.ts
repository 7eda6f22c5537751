import type { FaultName } from './FaultName.js';

export interface CommerceFaultOptions {
  readonly cause?: unknown;
  readonly operationIndex?: number;
}

/** The base of every failure an operation answers with. `faultName` names the kind for remote channels. */
export class CommerceFault extends Error {
  readonly faultName: FaultName;
  operationIndex: number;

  constructor(faultName: FaultName, message: string, options: CommerceFaultOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = faultName;
    this.faultName = faultName;
    this.operationIndex = options.operationIndex ?? -1;
  }

  toJSON(): Record<string, unknown> {
    return { faultName: this.faultName, message: this.message, operationIndex: this.operationIndex };
  }
}
