import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

/** No rule of config/authorization.json lets this caller run this operation. The message names no value. */
export class AuthorizationFault extends CommerceFault {
  constructor(message: string, options: CommerceFaultOptions = {}) {
    super('AuthorizationFault', message, options);
  }
}
