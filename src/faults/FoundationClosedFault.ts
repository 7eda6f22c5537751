import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

/** A request or a Profiles System call reached a foundation after `close()`: its pools are gone. */
export class FoundationClosedFault extends CommerceFault {
  constructor(options: CommerceFaultOptions = {}) {
    super('FoundationClosedFault', 'The commerce foundation is closed: start a new one with createCommerceFoundation', options);
  }
}
