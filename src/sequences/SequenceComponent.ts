import type { Knex } from 'knex';
import type { z } from 'zod';
import type { OperationContext } from './OperationContext.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';

/**
 * Creates what a component needs in the default database (its own tables), at start-up and by `commerce migrate`.
 * It runs at every start, so it creates only what is missing; it answers the names of what it created, for the
 * MigrationReport.
 */
export type ComponentMigration = (knex: Knex) => Promise<readonly string[] | void> | readonly string[] | void;

/** A step as start-up resolves it, for a component's own checks. */
export interface StepUnderCheck<C = unknown> {
  readonly handler: string;
  /** The model the handler is for (`UserProfile` in `CommerceDeleteOperation_UserProfile`). */
  readonly modelName: string;
  /** The step's configuration, as the component's schema parsed it. */
  readonly configuration: C;
}

/** One step of an operation sequence. */
export interface SequenceComponent<C = unknown, O extends CommerceOperation<object> = CommerceOperation<object>> {
  execute(context: OperationContext<O, C>): Promise<void> | void;
  /** Validates the step's `configuration` at start-up; the parsed value reaches `context.configuration`. */
  readonly configurationSchema?: z.ZodType<C>;
  readonly migrate?: ComponentMigration;
  /**
   * What is wrong with a step of a sequence that names this component, found at start-up beyond what the schema can
   * see (a relationship the handler's model does not have): each message a start-up problem at the step.
   */
  checkStep?(step: StepUnderCheck<C>): readonly string[];
}

/** An `@injectable()` class whose instances are components; `configurationSchema` and `migrate` may be static. */
export interface SequenceComponentClass {
  new (...args: any[]): SequenceComponent;
  readonly configurationSchema?: z.ZodType;
  readonly migrate?: ComponentMigration;
}

export type SequenceComponentRegistration = SequenceComponentClass | SequenceComponent;

/** Whether `value` can be registered as a component: a class, or an object with an `execute(context)` method. */
export function isComponentRegistration(value: unknown): value is SequenceComponentRegistration {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as { execute?: unknown }).execute === 'function');
}

/** Where a component declares `member`: on itself (an object, or a method of its class), else static on its class. */
export function declarerOf(component: SequenceComponent, member: 'configurationSchema' | 'migrate'): Partial<SequenceComponentClass> | SequenceComponent | undefined {
  if (component[member] !== undefined) return component;
  const owner = component.constructor as Partial<SequenceComponentClass> | undefined;
  return owner?.[member] === undefined ? undefined : owner;
}
