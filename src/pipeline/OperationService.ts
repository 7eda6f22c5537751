import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';
import { CommerceFault } from '../faults/CommerceFault.js';
import { ComponentFault } from '../faults/ComponentFault.js';
import { FoundationClosedFault } from '../faults/FoundationClosedFault.js';
import { SequenceNotFoundFault } from '../faults/SequenceNotFoundFault.js';
import { TransactionTimeoutFault } from '../faults/TransactionTimeoutFault.js';
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
import { logsAt, silentLogger, type Logger } from '../logging/Logger.js';
import { withOperationLogger } from '../logging/operationLogger.js';
import { handlerNamePattern } from '../sequences/handlerName.js';
import { noTelemetry, type OperationMetrics, type OperationSpan, type RequestSpan, type Telemetry } from '../telemetry/Telemetry.js';
import { cleanRequestContext } from './cleanOperation.js';
import { createOperationResponse } from './createOperationResponse.js';
import { OperationLog, RequestLog } from './OperationLog.js';
import { Deadlines } from './Deadlines.js';
import { RunningOperation, type ProfilesFor } from './RunningOperation.js';
import { runSequence, StepFailure, type StepWatch } from './runSequence.js';
import { queuedByOf } from '../profiles/runtime/queuedBy.js';
import { validateOperation } from './validateOperation.js';

const noContext: RequestContext = Object.freeze({});

function checkedRequestContext(requestContext: RequestContext | undefined): RequestContext {
  if (requestContext === undefined) return noContext;
  const clean = cleanRequestContext(requestContext, requestContextLevel);
  if (clean) return clean;
  const unsafe = inputErrors(requestContext, 'requestContext', requestContextLevel);
  if (unsafe.length) throw new ValidationFault(unsafe);
  const parsed = requestContextSchema.safeParse(requestContext);
  if (!parsed.success) throw validationFaultFromZod(parsed.error, 'requestContext');
  return parsed.data;
}

/** A transactional operation that deadlocks is run again from the start, up to this many times in all. */
const maxAttempts = 5;

/**
 * The fault a failure becomes: a CommerceFault as it is; anything else a ComponentFault naming the step that failed,
 * or, for a queued write's failure met later (by a later step's statement, or by the commit), the step that queued it.
 */
function asFault(error: unknown): CommerceFault {
  if (error instanceof StepFailure) {
    return error.cause instanceof CommerceFault ? error.cause : new ComponentFault(queuedByOf(error.cause) ?? error.step.name, error.cause);
  }
  return error instanceof CommerceFault ? error : new ComponentFault(queuedByOf(error) ?? '(transaction)', error);
}

type Operations = readonly CommerceOperation<object>[];

/** One operation as it runs, through its attempts. */
interface OperationRun {
  readonly sequence: ResolvedSequence;
  readonly operation: CommerceOperation<object>;
  readonly operationIndex: number;
  readonly requestContext: RequestContext;
  /** performance.now() at its start, when something reads its duration (else 0). */
  readonly started: number;
  readonly span: OperationSpan | undefined;
  watch: StepWatch | undefined;
  readonly log: OperationLog;
}

/** The fault carries the responses of the operations completed before it (the HTTP service's fault body). */
function withResponsesBefore(error: unknown, operationResponses: CommerceOperationResponse[]): Error {
  if (error instanceof CommerceFault) error.operationResponses = operationResponses;
  return error instanceof Error ? error : new Error(String(error));
}
type Sequences = ReadonlyMap<string, ResolvedSequence>;
type Handle = (operations: Operations, requestContext: RequestContext, channel: Sequences) => Promise<CommerceResponse<unknown[]>>;

/** The one entry point: picks each operation's sequence and runs it in its own transaction. */
export class OperationService {
  private closed = false;
  /**
   * Whether the logger keeps debug lines: decided at start-up. Then each operation's outcome is logged, and it runs
   * with its logger at hand for the SQL text its statements log.
   */
  private readonly debug: boolean;
  private readonly metrics: OperationMetrics | undefined;
  /** A request with spans, or without: decided at start-up, so that without OpenTelemetry nothing is done for it. */
  private readonly handle: Handle;
  private readonly deadlines = new Deadlines();

  constructor(
    /** Every channel's sequences, the default channel's under '', resolved once at start-up. */
    private readonly channels: ReadonlyMap<string, ReadonlyMap<string, ResolvedSequence>>,
    private readonly knex: Knex,
    private readonly models: ModelRegistry,
    private readonly profilesFor: ProfilesFor,
    private readonly logger: Logger = silentLogger,
    telemetry: Telemetry = noTelemetry,
  ) {
    this.debug = logsAt(logger, 'debug');
    this.metrics = telemetry.metrics;
    const { startRequest } = telemetry;
    this.handle = startRequest
      ? async (operations, requestContext, channel) => {
          const span = startRequest(requestContext.requestId);
          try {
            const response = await this.run(operations, requestContext, channel, span);
            span.end(undefined);
            return response;
          } catch (error) {
            span.end(error instanceof CommerceFault ? error.faultName : 'ComponentFault');
            throw error;
          }
        }
      : (operations, requestContext, channel) => this.run(operations, requestContext, channel, undefined);
  }

  processRequest<O extends CommerceOperation<object>>(
    operation: O,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<[OperationResponseOf<O>]>>;
  processRequest<Ops extends readonly CommerceOperation<object>[]>(
    request: CommerceRequest<Ops>,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<OperationResponsesOf<Ops>>>;
  processRequest(input: CommerceOperation<object> | CommerceRequest, requestContext?: RequestContext): Promise<CommerceResponse<unknown[]>> {
    try {
      if (this.closed) throw new FoundationClosedFault();
      const requestData = checkedRequestContext(requestContext);
      return this.handle(input instanceof CommerceRequest ? input.operations : [input], requestData, this.channelOf(requestData));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private run(
    operations: Operations,
    requestData: RequestContext,
    channel: ReadonlyMap<string, ResolvedSequence>,
    span: RequestSpan | undefined,
  ): Promise<CommerceResponse<unknown[]>> {
    // Every operation is checked before any runs: a request with a bad operation anywhere changes nothing.
    const count = operations.length;
    const sequences: ResolvedSequence[] = [];
    for (let index = 0; index < count; index++) sequences.push(this.sequenceFor(channel, operations[index] as CommerceOperation<object>, index));
    const trace: TraceEntry[] | undefined = requestData.trace ? [] : undefined;
    const log = new RequestLog(this.logger, requestData.requestId);
    const operationResponses: CommerceOperationResponse[] = [];
    const answer = (): CommerceResponse<unknown[]> => (trace ? { operationResponses, trace } : { operationResponses });
    // The operations run one after another; each that finishes in this turn (its steps returned no promise) is
    // answered without a promise of its own, and the first that returns one continues the request asynchronously.
    for (let index = 0; index < count; index++) {
      let response: CommerceOperationResponse | Promise<CommerceOperationResponse>;
      try {
        response = this.runOperation(sequences[index] as ResolvedSequence, operations[index] as CommerceOperation<object>, index, requestData, trace, span, log);
      } catch (error) {
        return Promise.reject(withResponsesBefore(error, operationResponses));
      }
      if (response instanceof Promise) return this.runRest(response, index, operations, sequences, requestData, trace, span, log, operationResponses, answer);
      operationResponses.push(response);
    }
    return Promise.resolve(answer());
  }

  /** The rest of run, from the operation at `index` whose response is pending. */
  private async runRest(
    pending: Promise<CommerceOperationResponse>,
    index: number,
    operations: Operations,
    sequences: readonly ResolvedSequence[],
    requestData: RequestContext,
    trace: TraceEntry[] | undefined,
    span: RequestSpan | undefined,
    log: RequestLog,
    operationResponses: CommerceOperationResponse[],
    answer: () => CommerceResponse<unknown[]>,
  ): Promise<CommerceResponse<unknown[]>> {
    try {
      operationResponses.push(await pending);
      for (let at = index + 1; at < operations.length; at++) {
        operationResponses.push(await this.runOperation(sequences[at] as ResolvedSequence, operations[at] as CommerceOperation<object>, at, requestData, trace, span, log));
      }
    } catch (error) {
      throw withResponsesBefore(error, operationResponses);
    }
    return answer();
  }

  /** A request's operations and context, checked as processRequest checks them, for a question about it (authorizeRequest). */
  checkedRequest(input: CommerceOperation<object> | CommerceRequest<readonly CommerceOperation<object>[]>, requestContext?: RequestContext): { operations: readonly CommerceOperation<object>[]; requestContext: RequestContext } {
    if (this.closed) throw new FoundationClosedFault();
    const requestData = checkedRequestContext(requestContext);
    this.channelOf(requestData);
    const operations: readonly CommerceOperation<object>[] = input instanceof CommerceRequest ? input.operations : [input];
    operations.forEach((operation, operationIndex) => {
      const errors = validateOperation(operation, this.models);
      if (errors.length) throw new ValidationFault(errors, { operationIndex });
    });
    return { operations, requestContext: requestData };
  }

  /** Requests that arrive after this fail with FoundationClosedFault. */
  close(): void {
    this.closed = true;
  }

  /**
   * The sequences of the request's channel. One request has one context, so one channel: each of its operations runs
   * the sequence of that channel. The default channel is keyed '', which no request may name; a channel no config
   * declares is a ValidationFault.
   */
  private channelOf(requestData: RequestContext): ReadonlyMap<string, ResolvedSequence> {
    const channel = requestData.channel === '' ? undefined : this.channels.get(requestData.channel ?? '');
    if (!channel) throw new ValidationFault([{ property: 'requestContext.channel', errorMessage: this.undeclaredChannel() }]);
    return channel;
  }

  /** The message for a channel no config declares (without the value the caller sent). */
  private undeclaredChannel(): string {
    const declared = [...this.channels.keys()].filter(Boolean);
    return `is no channel declared in config/commerce.json → channels (${declared.length ? `declared: ${declared.join(', ')}` : 'none is declared'})`;
  }

  /** The operation's sequence, once the operation is found valid: every problem a fault before any component runs. */
  private sequenceFor(sequences: ReadonlyMap<string, ResolvedSequence>, operation: CommerceOperation<object>, operationIndex: number): ResolvedSequence {
    const errors = validateOperation(operation, this.models);
    if (errors.length) throw this.counted(new ValidationFault(errors, { operationIndex }), operation);
    const known = this.handlerNames.get(operation.operation)?.get(operation.modelName);
    const handler = known ?? handlerNameOf(operation);
    const sequence = sequences.get(handler);
    if (!sequence) throw this.counted(new SequenceNotFoundFault(handler, { operationIndex }), operation);
    if (known === undefined) this.rememberHandler(operation, sequence.handler);
    return sequence;
  }

  /**
   * The handler names of the operations that found a sequence, by operation and model, so that the next such
   * operation looks its sequence up by a name made once rather than by one joined anew. Only names of sequences that
   * exist are kept, so the map cannot grow beyond them.
   */
  private readonly handlerNames = new Map<string, Map<string, string>>();

  private rememberHandler(operation: CommerceOperation<object>, handler: string): void {
    let byModel = this.handlerNames.get(operation.operation);
    if (!byModel) this.handlerNames.set(operation.operation, (byModel = new Map<string, string>()));
    byModel.set(operation.modelName, handler);
  }

  /** A fault answered before any operation runs, counted by the handler the operation names, when it names one. */
  private counted(fault: CommerceFault, operation: CommerceOperation<object>): CommerceFault {
    if (this.metrics) {
      const handler = handlerNameOf(operation);
      this.metrics.faultBeforeRunning(handlerNamePattern.test(handler) ? handler : undefined, fault.faultName);
    }
    return fault;
  }

  /**
   * Runs an operation's sequence in its own transaction scope, again from the start after a deadlock or lock timeout.
   * An operation whose steps returned no promise and that sent no SQL is answered in this turn (not as a promise).
   */
  private runOperation(
    sequence: ResolvedSequence,
    operation: CommerceOperation<object>,
    operationIndex: number,
    requestContext: RequestContext,
    trace: TraceEntry[] | undefined,
    requestSpan: RequestSpan | undefined,
    requestLog: RequestLog,
  ): CommerceOperationResponse | Promise<CommerceOperationResponse> {
    const { handler } = sequence;
    // Timed only for what reads the duration: the debug line and the metrics.
    const timed = this.debug || this.metrics !== undefined;
    const run: OperationRun = {
      sequence,
      operation,
      operationIndex,
      requestContext,
      started: timed ? performance.now() : 0,
      span: requestSpan?.operation(handler, operationIndex),
      watch: undefined,
      log: new OperationLog(requestLog, handler),
    };
    if (trace || run.span) run.watch = { trace, spans: run.span };
    const first = this.attemptOf(run);
    return first instanceof Promise ? this.settled(run, 1, first) : this.done(run, 1, first);
  }

  /** One attempt, with the operation's logger at hand when debug lines are kept. */
  private attemptOf(run: OperationRun): CommerceOperationResponse | Promise<CommerceOperationResponse> {
    return this.debug ? withOperationLogger(run.log.logger, () => this.attempt(run)) : this.attempt(run);
  }

  /** An attempt that is pending: its response, or the next attempt after a conflict, or the fault. */
  private async settled(run: OperationRun, attempt: number, pending: Promise<CommerceOperationResponse>): Promise<CommerceOperationResponse> {
    for (;;) {
      try {
        return this.done(run, attempt, await pending);
      } catch (error) {
        const fault = asFault(error);
        fault.operationIndex = run.operationIndex;
        const retry = attempt < maxAttempts && run.sequence.transactional && dialectOf(this.knex).isRetryableConflict(fault.cause);
        const fields = { operationIndex: run.operationIndex, attempt, faultName: fault.faultName, faultMessage: fault.message };
        if (retry) run.log.logger.warn(fields, 'operation conflicted; running it again');
        else if (this.debug) run.log.logger.debug(fields, 'operation failed');
        if (!retry) {
          run.span?.end(fault.faultName, attempt);
          this.metrics?.operationDone(run.sequence.handler, performance.now() - run.started, fault.faultName);
          throw fault;
        }
        await delay(Math.random() * 10 * attempt);
        attempt++;
        const next = this.attemptOf(run);
        pending = next instanceof Promise ? next : Promise.resolve(next);
      }
    }
  }

  /** What an operation's success records: its debug line, its duration, the end of its span. */
  private done(run: OperationRun, attempt: number, response: CommerceOperationResponse): CommerceOperationResponse {
    if (this.debug || this.metrics) {
      const durationMs = performance.now() - run.started;
      if (this.debug) run.log.logger.debug({ operationIndex: run.operationIndex, attempt, durationMs }, 'operation done');
      this.metrics?.operationDone(run.sequence.handler, durationMs, undefined);
    }
    run.span?.end(undefined, attempt);
    return response;
  }

  /**
   * One run of a sequence in its own transaction scope; a deadlock or lock timeout makes the caller run it again. A
   * failure, thrown or rejected, is a rejected promise, after the scope has rolled back. Steps that all finish at once
   * are not put under the deadline (no timer can fire before they end), and a scope with nothing to commit commits
   * at once: such an attempt answers without a promise.
   */
  private attempt(run: OperationRun): CommerceOperationResponse | Promise<CommerceOperationResponse> {
    const { sequence } = run;
    const context = new RunningOperation(run.operation, run.operationIndex, sequence, createOperationResponse(run.operation), run.requestContext, this.knex, this.profilesFor, run.log);
    try {
      const running = runSequence(sequence, context, run.watch);
      if (running) return this.finished(context, this.withinTimeout(sequence, context, running, run.log), true);
      const committing = context.commit();
      return committing ? this.finished(context, committing, false) : context.response;
    } catch (error) {
      return this.rolledBack(context, error);
    }
  }

  /** The rest of an attempt whose steps (then commit after them) or whose commit is pending. */
  private async finished(context: RunningOperation, pending: Promise<void>, commitAfter: boolean): Promise<CommerceOperationResponse> {
    try {
      await pending;
      if (commitAfter) {
        const committing = context.commit();
        if (committing) await committing;
      }
    } catch (error) {
      return this.rolledBack(context, error);
    }
    return context.response;
  }

  /** Rolls the attempt's scope back and fails with `error`. */
  private async rolledBack(context: RunningOperation, error: unknown): Promise<never> {
    await context.rollback().catch(() => undefined);
    throw error;
  }

  /**
   * The sequence's run, unless it outlasts the sequence's transactionTimeoutSeconds: the scope is then abandoned —
   * its transactions ended at once, every later use of it refused — and the operation fails with TransactionTimeoutFault
   * while the component that overran may still be running.
   */
  private withinTimeout(sequence: ResolvedSequence, context: RunningOperation, run: Promise<void>, log: OperationLog): Promise<void> {
    const seconds = sequence.transactionTimeoutSeconds;
    if (seconds <= 0) return run;
    // One promise that settles with the run, or, at the deadline, once the scope is abandoned (one timer serves every
    // operation); whichever comes first decides it.
    return new Promise<void>((resolve, reject) => {
      let expired = false;
      const done = this.deadlines.watch(seconds * 1000, () => {
        expired = true;
        // What the overrunning component does from now on fails, and no one waits for it.
        run.catch(() => undefined);
        const fault = new TransactionTimeoutFault(sequence.handler, seconds);
        context.abandon(fault).then(() => {
          log.logger.warn({ timeoutSeconds: seconds }, 'operation timed out; its transaction was rolled back');
          reject(fault);
        }, reject);
      });
      run.then(
        () => {
          if (expired) return;
          done();
          resolve();
        },
        (error: unknown) => {
          if (expired) return;
          done();
          // runSequence fails with a StepFailure, an Error; anything else is wrapped, keeping it as the cause.
          reject(error instanceof Error ? error : new Error('the sequence failed', { cause: error }));
        },
      );
    });
  }
}
