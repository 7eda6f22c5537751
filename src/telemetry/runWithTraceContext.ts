import type { TextMapGetter } from '@opentelemetry/api';
import { openTelemetryApi } from './openTelemetryApi.js';

/** Header names to values, as Node's `IncomingMessage.headers` and Fastify's `request.headers` have them. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const headerGetter: TextMapGetter<IncomingHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key.toLowerCase()];
    return typeof value === 'string' ? value : value?.[0];
  },
};

/**
 * Runs `run` (a `processRequest`) as a part of the trace an incoming request's W3C `traceparent` (and `tracestate`)
 * headers name, so that its spans are children of the caller's. The headers are read by the propagator registered with
 * OpenTelemetry (the Node SDK registers W3C trace context); without `@opentelemetry/api`, `run` is simply called.
 */
export async function runWithTraceContext<T>(headers: IncomingHeaders, run: () => Promise<T>): Promise<T> {
  const api = await openTelemetryApi();
  if (!api) return run();
  return api.context.with(api.propagation.extract(api.context.active(), headers, headerGetter), run);
}
