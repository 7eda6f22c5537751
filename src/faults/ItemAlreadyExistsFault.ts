import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

export class ItemAlreadyExistsFault extends CommerceFault {
  /** The key property whose value is taken, when one is known: a profile property, or an entity property in a request's fault. */
  readonly property: string | undefined;

  constructor(message: string, options: CommerceFaultOptions & { readonly property?: string } = {}) {
    super('ItemAlreadyExistsFault', message, options);
    this.property = options.property;
  }

  override toJSON(): Record<string, unknown> {
    return this.property === undefined ? super.toJSON() : { ...super.toJSON(), property: this.property };
  }
}
