import { CommerceFault } from '../../faults/CommerceFault.js';

const queuedBy = Symbol('commerce.queuedBy');

/**
 * Marks the failure of a queued write with the sequence step that queued it. Such a failure is thrown by a later
 * statement, often in a later step, and without the mark the ComponentFault it becomes would name that later step.
 * A CommerceFault is left as it is (it names no component), and so is a failure marked already. The error keeps its
 * identity (the mark is a hidden property), so whoever catches it sees the driver's own error.
 */
export function markQueuedBy<E>(error: E, step: string | undefined): E {
  if (step !== undefined && typeof error === 'object' && error !== null && !(error instanceof CommerceFault) && Object.isExtensible(error) && !(queuedBy in error)) {
    Object.defineProperty(error, queuedBy, { value: step });
  }
  return error;
}

/** The step that queued the write whose failure `error` is, if it was marked (see markQueuedBy). */
export function queuedByOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const step = (error as { [queuedBy]?: unknown })[queuedBy];
  return typeof step === 'string' ? step : undefined;
}
