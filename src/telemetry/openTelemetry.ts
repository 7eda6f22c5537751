import type { Context, Span, Tracer } from '@opentelemetry/api';
import { openTelemetryApi, type Api, type ApiImporter } from './openTelemetryApi.js';
import { noTelemetry, type OperationMetrics, type OperationSpan, type RequestSpan, type StepOutcome, type StepSpan, type Telemetry } from './Telemetry.js';

const instrumentationName = 'commerce-foundation';

function failed(span: Span, api: Api, faultName: string | undefined): void {
  if (faultName === undefined) return;
  span.setAttribute('commerce.fault_name', faultName);
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: faultName });
}

class ComponentSpan implements StepSpan {
  constructor(
    private readonly api: Api,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  run<T>(execute: () => T): T {
    return this.api.context.with(this.context, execute);
  }

  end({ durationMs, sqlStatements, faultName }: StepOutcome): void {
    this.span.setAttributes({ 'commerce.sql_statements': sqlStatements, 'commerce.duration_ms': durationMs });
    failed(this.span, this.api, faultName);
    this.span.end();
  }
}

class HandlerSpan implements OperationSpan {
  constructor(
    private readonly api: Api,
    private readonly tracer: Tracer,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  step(component: string): StepSpan {
    const span = this.tracer.startSpan(component, { attributes: { 'commerce.component': component } }, this.context);
    return new ComponentSpan(this.api, span, this.api.trace.setSpan(this.context, span));
  }

  end(faultName: string | undefined, attempts: number): void {
    if (attempts > 1) this.span.setAttribute('commerce.attempts', attempts);
    failed(this.span, this.api, faultName);
    this.span.end();
  }
}

class ProcessRequestSpan implements RequestSpan {
  constructor(
    private readonly api: Api,
    private readonly tracer: Tracer,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  operation(handler: string, operationIndex: number): OperationSpan {
    const attributes = { 'commerce.handler': handler, 'commerce.operation_index': operationIndex };
    const span = this.tracer.startSpan(handler, { attributes }, this.context);
    return new HandlerSpan(this.api, this.tracer, span, this.api.trace.setSpan(this.context, span));
  }

  end(faultName: string | undefined): void {
    failed(this.span, this.api, faultName);
    this.span.end();
  }
}

/**
 * Whether a tracer provider is registered: the global one is a proxy, whose delegate is the no-op one until then (the
 * delegate of a new proxy). The proxy is deprecated for apps to use; in API 1.x it is the only way to tell.
 */
function tracerProviderRegistered(api: Api): boolean {
  const provider = api.trace.getTracerProvider();
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const Proxy = api.ProxyTracerProvider;
  if (!(provider instanceof Proxy)) return true;
  return provider.getDelegate() !== new Proxy().getDelegate();
}

function spansOf(api: Api): Telemetry['startRequest'] {
  if (!tracerProviderRegistered(api)) return undefined;
  const tracer = api.trace.getTracer(instrumentationName);
  return (requestId) => {
    const parent = api.context.active();
    const span = tracer.startSpan('processRequest', requestId === undefined ? {} : { attributes: { 'commerce.request_id': requestId } }, parent);
    return new ProcessRequestSpan(api, tracer, span, api.trace.setSpan(parent, span));
  };
}

function metricsOf(api: Api): OperationMetrics | undefined {
  const meter = api.metrics.getMeter(instrumentationName);
  if (meter === api.createNoopMeter()) return undefined;
  const duration = meter.createHistogram('commerce.operation.duration', { unit: 'ms', description: 'How long an operation took, from its first attempt to its answer.' });
  const faults = meter.createCounter('commerce.faults', { description: 'Faults answered, by handler and fault name.' });
  return {
    operationDone(handler, durationMs, faultName) {
      duration.record(durationMs, faultName === undefined ? { 'commerce.handler': handler } : { 'commerce.handler': handler, 'commerce.fault_name': faultName });
      if (faultName !== undefined) faults.add(1, { 'commerce.handler': handler, 'commerce.fault_name': faultName });
    },
    faultBeforeRunning(handler, faultName) {
      faults.add(1, handler === undefined ? { 'commerce.fault_name': faultName } : { 'commerce.handler': handler, 'commerce.fault_name': faultName });
    },
  };
}

/**
 * OpenTelemetry as it is now: decided once, at start-up. Without `@opentelemetry/api`, or with neither a tracer nor a
 * meter provider registered, nothing: requests then run exactly as they would without this.
 */
export async function loadTelemetry(importer?: ApiImporter): Promise<Telemetry> {
  const api = await openTelemetryApi(importer);
  if (!api) return noTelemetry;
  const startRequest = spansOf(api);
  const metrics = metricsOf(api);
  return startRequest || metrics ? { startRequest, metrics } : noTelemetry;
}
