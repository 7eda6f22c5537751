import type { TraceEntry } from '../responses/TraceEntry.js';
import type { ResolvedSequence, SequenceStep } from '../sequences/ResolvedSequence.js';
import { countStatements, type StatementTally } from '../storage/statementCounter.js';
import type { OperationContext } from '../sequences/OperationContext.js';

export class StepFailure extends Error {
  constructor(
    readonly step: SequenceStep,
    override readonly cause: unknown,
  ) {
    super(`step ${step.name} failed`);
  }
}

/** Runs the steps from `from` on; returns a promise only once a step returns one (no-op steps cost no microtasks). */
function runSteps(sequence: ResolvedSequence, context: OperationContext, from = 0): Promise<void> | undefined {
  const { steps } = sequence;
  for (let index = from; index < steps.length; index++) {
    const step = steps[index] as SequenceStep;
    context.configuration = step.configuration;
    let pending: Promise<void> | void;
    try {
      pending = step.component.execute(context);
    } catch (error) {
      throw new StepFailure(step, error);
    }
    if (pending) {
      return pending.then(
        () => runSteps(sequence, context, index + 1),
        (error: unknown) => {
          throw new StepFailure(step, error);
        },
      );
    }
  }
  return undefined;
}

async function runTracedSteps(sequence: ResolvedSequence, context: OperationContext, trace: TraceEntry[]): Promise<void> {
  const tally: StatementTally = { count: 0 };
  await countStatements(tally, async () => {
    for (const step of sequence.steps) {
      context.configuration = step.configuration;
      const before = tally.count;
      const started = performance.now();
      try {
        await step.component.execute(context);
      } catch (error) {
        throw new StepFailure(step, error);
      } finally {
        trace.push({
          operationIndex: context.operationIndex,
          handler: sequence.handler,
          component: step.name,
          durationMs: performance.now() - started,
          sqlStatements: tally.count - before,
        });
      }
    }
  });
}

/** Runs a sequence's components in order; with a trace, times each and counts the SQL it sends. */
export function runSequence(sequence: ResolvedSequence, context: OperationContext, trace?: TraceEntry[]): Promise<void> | undefined {
  return trace ? runTracedSteps(sequence, context, trace) : runSteps(sequence, context);
}
