import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

/** Wraps an error that a sequence component threw without making it a fault. */
export class ComponentFault extends CommerceFault {
  readonly component: string;

  constructor(component: string, cause: unknown, options: CommerceFaultOptions = {}) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('ComponentFault', `Component ${component} failed: ${reason}`, { ...options, cause });
    this.component = component;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), component: this.component };
  }
}
