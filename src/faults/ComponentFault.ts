import { DatabaseError } from '../errors/DatabaseError.js';
import { CommerceFault, type CommerceFaultOptions } from './CommerceFault.js';

/**
 * Wraps an error that a sequence component threw without making it a fault. A database driver's error becomes a
 * DatabaseError first: its text carries the statement and may quote the values bound to it.
 */
export class ComponentFault extends CommerceFault {
  readonly component: string;

  constructor(component: string, error: unknown, options: CommerceFaultOptions = {}) {
    const cause = DatabaseError.from(error);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('ComponentFault', `Component ${component} failed: ${reason}`, { ...options, cause });
    this.component = component;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), component: this.component };
  }
}
