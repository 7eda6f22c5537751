import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

/**
 * An operation ran longer than its sequence's `transactionTimeoutSeconds`: its transaction was rolled back (on
 * MySQL/MariaDB its connection ended, so that its locks are released at once) and nothing it wrote stays.
 */
export class TransactionTimeoutFault extends CommerceFault {
  readonly handler: string;
  readonly timeoutSeconds: number;

  constructor(handler: string, timeoutSeconds: number, options: CommerceFaultOptions = {}) {
    super(
      'TransactionTimeoutFault',
      `${handler} timed out: the operation was still running after its transactionTimeoutSeconds (${String(timeoutSeconds)}) and was rolled back`,
      options,
    );
    this.handler = handler;
    this.timeoutSeconds = timeoutSeconds;
  }
}
