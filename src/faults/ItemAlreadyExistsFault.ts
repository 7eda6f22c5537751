import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

export class ItemAlreadyExistsFault extends CommerceFault {
  constructor(message: string, options: CommerceFaultOptions = {}) {
    super('ItemAlreadyExistsFault', message, options);
  }
}
