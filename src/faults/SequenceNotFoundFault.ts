import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

export class SequenceNotFoundFault extends CommerceFault {
  readonly handler: string;

  constructor(handler: string, options: CommerceFaultOptions = {}) {
    super(
      'SequenceNotFoundFault',
      `No operation sequence for ${handler}: add sequences/${handler}.json to the application root`,
      options,
    );
    this.handler = handler;
  }
}
