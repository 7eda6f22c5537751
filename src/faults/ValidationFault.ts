import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

export interface ValidationError {
  readonly property: string;
  readonly errorMessage: string;
}

export class ValidationFault extends CommerceFault {
  readonly validationErrors: readonly ValidationError[];

  constructor(validationErrors: readonly ValidationError[], options: CommerceFaultOptions = {}) {
    const list = validationErrors.map((e) => (e.property ? `${e.property}: ${e.errorMessage}` : e.errorMessage)).join('; ');
    super('ValidationFault', `The request is not valid: ${list}`, options);
    this.validationErrors = validationErrors;
  }

  static of(property: string, errorMessage: string): ValidationFault {
    return new ValidationFault([{ property, errorMessage }]);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), validationErrors: this.validationErrors };
  }
}
