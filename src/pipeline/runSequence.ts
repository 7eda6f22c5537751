import type { TraceEntry } from '../responses/TraceEntry.js';
import type { ResolvedSequence, SequenceStep } from '../sequences/ResolvedSequence.js';
import { countStatements, type StatementTally } from '../storage/statementCounter.js';
import type { OperationContext } from './OperationContext.js';

export class StepFailure extends Error {
  constructor(
    readonly step: SequenceStep,
    override readonly cause: unknown,
  ) {
    super(`step ${step.name} failed`);
  }
}

async function runSteps(sequence: ResolvedSequence, context: OperationContext): Promise<void> {
  for (const step of sequence.steps) {
    context.configuration = step.configuration;
    try {
      const pending = step.component.execute(context);
      if (pending) await pending;
    } catch (error) {
      throw new StepFailure(step, error);
    }
  }
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
export function runSequence(sequence: ResolvedSequence, context: OperationContext, trace?: TraceEntry[]): Promise<void> {
  return trace ? runTracedSteps(sequence, context, trace) : runSteps(sequence, context);
}
