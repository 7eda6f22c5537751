import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';
import { CommerceFault } from '../faults/CommerceFault.js';
import { ComponentFault } from '../faults/ComponentFault.js';
import { FoundationClosedFault } from '../faults/FoundationClosedFault.js';
import { SequenceNotFoundFault } from '../faults/SequenceNotFoundFault.js';
import { ValidationFault } from '../faults/ValidationFault.js';
import { validationFaultFromZod } from '../faults/validationFaultFromZod.js';
import type { ModelRegistry } from '../models/ModelRegistry.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import { CommerceRequest } from '../requests/CommerceRequest.js';
import { inputErrors, requestContextLevel } from '../requests/inputErrors.js';
import { requestContextSchema, type RequestContext } from '../requests/RequestContext.js';
import type { CommerceResponse, OperationResponseOf, OperationResponsesOf } from '../responses/CommerceResponse.js';
import type { CommerceOperationResponse } from '../responses/OperationResponses.js';
import type { TraceEntry } from '../responses/TraceEntry.js';
import { handlerNameOf } from '../sequences/handlerName.js';
import type { ResolvedSequence } from '../sequences/ResolvedSequence.js';
import { dialectOf } from '../storage/dialects/dialects.js';
import { TransactionScope } from '../storage/TransactionScope.js';
import { quietLogger, type Logger } from '../logging/Logger.js';
import { createOperationResponse } from './createOperationResponse.js';
import { RunningOperation, type ProfilesFor } from './RunningOperation.js';
import { runSequence, StepFailure } from './runSequence.js';
import { validateOperation } from './validateOperation.js';

const noContext: RequestContext = Object.freeze({});

function checkedRequestContext(requestContext: RequestContext | undefined): RequestContext {
  if (requestContext === undefined) return noContext;
  const unsafe = inputErrors(requestContext, 'requestContext', requestContextLevel);
  if (unsafe.length) throw new ValidationFault(unsafe);
  const parsed = requestContextSchema.safeParse(requestContext);
  if (!parsed.success) throw validationFaultFromZod(parsed.error, 'requestContext');
  return parsed.data;
}

/** A transactional operation that deadlocks is run again from the start, up to this many times in all. */
const maxAttempts = 5;

function asFault(error: unknown): CommerceFault {
  if (error instanceof StepFailure) {
    return error.cause instanceof CommerceFault ? error.cause : new ComponentFault(error.step.name, error.cause);
  }
  return error instanceof CommerceFault ? error : new ComponentFault('(transaction)', error);
}

/** The one entry point: picks each operation's sequence and runs it in its own transaction. */
export class OperationService {
  private closed = false;

  constructor(
    private readonly sequences: ReadonlyMap<string, ResolvedSequence>,
    private readonly knex: Knex,
    private readonly models: ModelRegistry,
    private readonly profilesFor: ProfilesFor,
    private readonly logger: Logger = quietLogger,
  ) {}

  processRequest<O extends CommerceOperation<object>>(
    operation: O,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<[OperationResponseOf<O>]>>;
  processRequest<Ops extends readonly CommerceOperation<object>[]>(
    request: CommerceRequest<Ops>,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<OperationResponsesOf<Ops>>>;
  async processRequest(
    input: CommerceOperation<object> | CommerceRequest,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<unknown[]>> {
    if (this.closed) throw new FoundationClosedFault();
    const requestData = checkedRequestContext(requestContext);
    const operations: readonly CommerceOperation<object>[] = input instanceof CommerceRequest ? input.operations : [input];
    // Every operation is checked before any runs: a request with a bad operation anywhere changes nothing.
    const sequences = operations.map((operation, index) => this.sequenceFor(operation, index));
    const trace: TraceEntry[] | undefined = requestData.trace ? [] : undefined;
    const operationResponses: CommerceOperationResponse[] = [];
    for (const [index, sequence] of sequences.entries()) {
      try {
        operationResponses.push(await this.runOperation(sequence, operations[index] as CommerceOperation<object>, index, requestData, trace));
      } catch (error) {
        if (error instanceof CommerceFault) error.operationResponses = operationResponses;
        throw error;
      }
    }
    return trace ? { operationResponses, trace } : { operationResponses };
  }

  /** Requests that arrive after this fail with FoundationClosedFault. */
  close(): void {
    this.closed = true;
  }

  /** The operation's sequence, once the operation is found valid: every problem a fault before any component runs. */
  private sequenceFor(operation: CommerceOperation<object>, operationIndex: number): ResolvedSequence {
    const errors = validateOperation(operation, this.models);
    if (errors.length) throw new ValidationFault(errors, { operationIndex });
    const handler = handlerNameOf(operation);
    const sequence = this.sequences.get(handler);
    if (!sequence) throw new SequenceNotFoundFault(handler, { operationIndex });
    return sequence;
  }

  private async runOperation(
    sequence: ResolvedSequence,
    operation: CommerceOperation<object>,
    operationIndex: number,
    requestContext: RequestContext,
    trace: TraceEntry[] | undefined,
  ): Promise<CommerceOperationResponse> {
    const { handler } = sequence;
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.attempt(sequence, operation, operationIndex, requestContext, trace);
        this.logger.debug('operation done', { handler, operationIndex, attempt, durationMs: performance.now() - started });
        return response;
      } catch (error) {
        const fault = asFault(error);
        fault.operationIndex = operationIndex;
        const retry = attempt < maxAttempts && sequence.transactional && dialectOf(this.knex).isRetryableConflict(fault.cause);
        this.logger[retry ? 'warn' : 'debug'](retry ? 'operation conflicted; running it again' : 'operation failed', {
          handler,
          operationIndex,
          attempt,
          faultName: fault.faultName,
          message: fault.message,
        });
        if (!retry) throw fault;
        await delay(Math.random() * 10 * attempt);
      }
    }
  }

  /** One run of a sequence in its own transaction scope; a deadlock or lock timeout makes the caller run it again. */
  private async attempt(
    sequence: ResolvedSequence,
    operation: CommerceOperation<object>,
    operationIndex: number,
    requestContext: RequestContext,
    trace: TraceEntry[] | undefined,
  ): Promise<CommerceOperationResponse> {
    const { handler } = sequence;
    const scope = new TransactionScope(this.knex, {
      transactional: sequence.transactional,
      isolationLevel: sequence.isolationLevel,
      writes: operation.operation !== 'CommerceQuery',
    });
    const context = new RunningOperation(operation, operationIndex, handler, createOperationResponse(operation), requestContext, scope, this.profilesFor);
    try {
      await runSequence(sequence, context, trace);
      const committing = scope.commit();
      if (committing) await committing;
    } catch (error) {
      await scope.rollback().catch(() => undefined);
      throw error;
    }
    return context.response;
  }
}
