import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

export class ItemDoesNotExistFault extends CommerceFault {
  constructor(message: string, options: CommerceFaultOptions = {}) {
    super('ItemDoesNotExistFault', message, options);
  }
}
