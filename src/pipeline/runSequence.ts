import type { TraceEntry } from '../responses/TraceEntry.js';
import type { OperationContext } from '../sequences/OperationContext.js';
import type { ResolvedSequence, SequenceStep } from '../sequences/ResolvedSequence.js';
import { countStatements, type StatementTally } from '../storage/statementCounter.js';

export class StepFailure extends Error {
  constructor(
    readonly step: SequenceStep,
    override readonly cause: unknown,
  ) {
    super(`step ${step.name} failed`);
  }
}

/** Runs the steps in order, awaiting only those that return a promise; with a trace, times each and counts its SQL. */
async function runSteps(sequence: ResolvedSequence, context: OperationContext, trace?: { entries: TraceEntry[]; tally: StatementTally }): Promise<void> {
  for (const step of sequence.steps) {
    context.configuration = step.configuration;
    const before = trace?.tally.count ?? 0;
    const started = trace ? performance.now() : 0;
    try {
      const pending = step.component.execute(context);
      if (pending) await pending;
    } catch (error) {
      throw new StepFailure(step, error);
    } finally {
      trace?.entries.push({
        operationIndex: context.operationIndex,
        handler: sequence.handler,
        component: step.name,
        origin: step.origin,
        durationMs: performance.now() - started,
        sqlStatements: trace.tally.count - before,
      });
    }
  }
}

/** Runs a sequence's components in order; with a trace, times each and counts the SQL it sends. */
export function runSequence(sequence: ResolvedSequence, context: OperationContext, trace?: TraceEntry[]): Promise<void> {
  if (!trace) return runSteps(sequence, context);
  const tally: StatementTally = { count: 0 };
  return countStatements(tally, () => runSteps(sequence, context, { entries: trace, tally }));
}
