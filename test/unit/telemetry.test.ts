import { context, metrics, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { runWithTraceContext } from '../../src/index.js';
import { loadTelemetry } from '../../src/telemetry/openTelemetry.js';

// The order matters: the global providers are registered part-way through, as an app would before starting.
describe('what start-up finds of OpenTelemetry', () => {
  afterAll(() => {
    trace.disable();
    metrics.disable();
  });

  test('installed, with no provider registered: no spans, no metrics; runWithTraceContext only runs what it is given', async () => {
    expect(await loadTelemetry()).toEqual({ startRequest: undefined, metrics: undefined });
    const active = await runWithTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, () => Promise.resolve(trace.getSpan(context.active())));
    expect(active).toBeUndefined(); // no propagator registered: nothing is read from the headers
  });

  test('a tracer provider registered: spans; a meter provider too: metrics', async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const traced = await loadTelemetry();
    expect(traced.startRequest).toBeInstanceOf(Function);
    expect(traced.metrics).toBeUndefined();
    metrics.setGlobalMeterProvider(new MeterProvider());
    expect((await loadTelemetry()).metrics).toBeDefined();
  });

  test('without @opentelemetry/api installed: no spans, no metrics, whatever else the app registered', async () => {
    const notInstalled = () => Promise.reject(Object.assign(new Error("Cannot find package '@opentelemetry/api'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    expect(await loadTelemetry(notInstalled)).toEqual({ startRequest: undefined, metrics: undefined });
  });
});
