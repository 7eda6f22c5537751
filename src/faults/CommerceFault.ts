import type { CommerceOperationResponse } from '../responses/OperationResponses.js';
import type { FaultName } from './FaultName.js';

export interface CommerceFaultOptions {
  readonly cause?: unknown;
  readonly operationIndex?: number;
}

/** The base of every failure an operation answers with. `faultName` names the kind for remote channels. */
export class CommerceFault extends Error {
  readonly faultName: FaultName;
  operationIndex: number;
  /**
   * The responses of the operations of the same request that completed before this one failed (they stay done):
   * set by processRequest, for remote channels that answer with them.
   */
  operationResponses: CommerceOperationResponse[] = [];

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
