import type { z } from 'zod';
import type { OperationContext } from '../pipeline/OperationContext.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';

/** One step of an operation sequence. */
export interface SequenceComponent<C = unknown, O extends CommerceOperation<any> = CommerceOperation<any>> {
  execute(context: OperationContext<O, C>): Promise<void> | void;
  /** Validates the step's `configuration` at start-up; the parsed value reaches `context.configuration`. */
  readonly configurationSchema?: z.ZodType<C>;
}

/** An `@injectable()` class whose instances are components; `configurationSchema` may be static. */
export interface SequenceComponentClass {
  new (...args: any[]): SequenceComponent<any, any>;
  readonly configurationSchema?: z.ZodType;
}

export type SequenceComponentRegistration = SequenceComponentClass | SequenceComponent<any, any>;

/** Whether `value` can be registered as a component: a class, or an object with an `execute(context)` method. */
export function isComponentRegistration(value: unknown): value is SequenceComponentRegistration {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as { execute?: unknown }).execute === 'function');
}
