/** How one component run ended: what its span is given when it ends. */
export interface StepOutcome {
  readonly durationMs: number;
  readonly sqlStatements: number;
  /** The fault the component failed with; undefined when it did its work. */
  readonly faultName: string | undefined;
}

/** A component's span. */
export interface StepSpan {
  /** Runs the component with its span as the active OpenTelemetry context (what it sends nests under it). */
  run<T>(execute: () => T): T;
  end(outcome: StepOutcome): void;
}

/** An operation's span: `commerce.handler`, `commerce.operation_index`; one child per component run. */
export interface OperationSpan {
  step(component: string): StepSpan;
  end(faultName: string | undefined, attempts: number): void;
}

/** A `processRequest`'s span, a child of the active context (an HTTP server's span, a `traceparent`). */
export interface RequestSpan {
  operation(handler: string, operationIndex: number): OperationSpan;
  end(faultName: string | undefined): void;
}

/**
 * What OpenTelemetry is given, decided once at start-up: spans when `@opentelemetry/api` is installed and a tracer
 * provider is registered, metrics when a meter provider is; each undefined otherwise, and then nothing is done.
 */
export interface Telemetry {
  readonly startRequest: ((requestId: string | undefined) => RequestSpan) | undefined;
  readonly metrics: OperationMetrics | undefined;
}

/** `commerce.operation.duration` (a histogram, ms) and `commerce.faults` (a counter), by handler and fault name. */
export interface OperationMetrics {
  operationDone(handler: string, durationMs: number, faultName: string | undefined): void;
  /** A fault answered before any operation ran (a request that is not valid); `handler` when the operation names one. */
  faultBeforeRunning(handler: string | undefined, faultName: string): void;
}

export const noTelemetry: Telemetry = Object.freeze({ startRequest: undefined, metrics: undefined });
