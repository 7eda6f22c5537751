import { CommerceFault } from '../faults/CommerceFault.js';
import type { TraceEntry } from '../responses/TraceEntry.js';
import type { OperationContext } from '../sequences/OperationContext.js';
import type { ResolvedSequence, SequenceStep } from '../sequences/ResolvedSequence.js';
import { countStatements, type StatementTally } from '../storage/statementCounter.js';
import type { OperationSpan } from '../telemetry/Telemetry.js';

export class StepFailure extends Error {
  constructor(
    readonly step: SequenceStep,
    override readonly cause: unknown,
  ) {
    super(`step ${step.name} failed`);
  }
}

/** The context a sequence runs with: `step` is set before each step runs (its configuration; the step queued writes are marked with). */
export interface SequenceContext extends OperationContext {
  step: SequenceStep | undefined;
}

/** What watches a sequence's steps, each timed and its SQL counted: the response's trace, OpenTelemetry's spans, or both. */
export interface StepWatch {
  readonly trace: TraceEntry[] | undefined;
  readonly spans: OperationSpan | undefined;
}

/** The fault a component's error becomes (see OperationService): its own, or a ComponentFault. */
const faultNameOf = (error: unknown) => (error instanceof CommerceFault ? error.faultName : 'ComponentFault');

/**
 * Runs the steps in order, awaiting only those that return a promise. Steps that finish at once run in this turn,
 * with no promise made: a sequence none of whose steps returns one is done when this returns (undefined).
 */
function runSteps(sequence: ResolvedSequence, context: SequenceContext): Promise<void> | undefined {
  const { steps } = sequence;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as SequenceStep;
    context.step = step;
    let pending: Promise<void> | void;
    try {
      pending = step.component.execute(context);
    } catch (error) {
      throw new StepFailure(step, error);
    }
    if (pending) return runStepsAfter(sequence, context, index, pending);
  }
  return undefined;
}

/** The rest of runSteps, from the step at `index` whose promise is `pending`. */
async function runStepsAfter(sequence: ResolvedSequence, context: SequenceContext, index: number, pending: Promise<void>): Promise<void> {
  const { steps } = sequence;
  try {
    await pending;
  } catch (error) {
    throw new StepFailure(steps[index] as SequenceStep, error);
  }
  for (let at = index + 1; at < steps.length; at++) {
    const step = steps[at] as SequenceStep;
    context.step = step;
    try {
      const next = step.component.execute(context);
      if (next) await next;
    } catch (error) {
      throw new StepFailure(step, error);
    }
  }
}

/** The same, timing each step and counting its SQL for the trace, and giving each its span. */
async function runWatchedSteps(sequence: ResolvedSequence, context: SequenceContext, watch: StepWatch, tally: StatementTally): Promise<void> {
  for (const step of sequence.steps) {
    context.step = step;
    const before = tally.count;
    const started = performance.now();
    const span = watch.spans?.step(step.name);
    let failure: { error: unknown } | undefined;
    try {
      const pending = span ? span.run(() => step.component.execute(context)) : step.component.execute(context);
      if (pending) await pending;
    } catch (error) {
      failure = { error };
      throw new StepFailure(step, error);
    } finally {
      const durationMs = performance.now() - started;
      const sqlStatements = tally.count - before;
      watch.trace?.push({ operationIndex: context.operationIndex, handler: sequence.handler, component: step.name, origin: step.origin, durationMs, sqlStatements });
      span?.end({ durationMs, sqlStatements, faultName: failure && faultNameOf(failure.error) });
    }
  }
}

/**
 * Runs a sequence's components in order; watched (a trace, spans), times each and counts the SQL it sends. Unwatched,
 * a sequence whose steps all finish at once is run in this turn: undefined is returned, and a failure is thrown.
 */
export function runSequence(sequence: ResolvedSequence, context: SequenceContext, watch?: StepWatch): Promise<void> | undefined {
  if (!watch) return runSteps(sequence, context);
  const tally: StatementTally = { count: 0 };
  return countStatements(tally, () => runWatchedSteps(sequence, context, watch, tally));
}
