import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { CommerceQuery } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { createUser, deleteBy, queryBy } from '../../support/userProfiles.js';

// A meter provider read on demand; no tracer provider is registered, so these requests make no spans.
const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA), exportIntervalMillis: 3_600_000 });
const provider = new MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(provider);
afterAll(async () => provider.shutdown());

/** The data points collected since the last call (delta temporality). */
async function collectedBoth() {
  const { resourceMetrics } = await reader.collect();
  const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  const points = (name: string) => (all.find((m) => m.descriptor.name === name)?.dataPoints ?? []) as DataPoint<unknown>[];
  return {
    durations: points('commerce.operation.duration') as DataPoint<Histogram>[],
    faults: (points('commerce.faults') as DataPoint<number>[]).map((p) => ({ ...p.attributes, count: p.value })),
  };
}

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Note.json': { components: [{ name: 'NoteMissing' }] } }, components: { NoteMissing: { execute: () => Promise.reject(new Error('no notes table')) } } });
    await reader.collect(); // what earlier tests recorded
  });

  test('each operation is timed in commerce.operation.duration (ms) by handler; a faulted one also by its fault name', async () => {
    await createUser(s.foundation, { id: 'u1' });
    await s.foundation.processRequest(queryBy('id', 'u1'));
    await s.foundation.processRequest(queryBy('id', 'u1'));
    await s.foundation.processRequest(new CommerceQuery('Note')).catch(() => undefined);
    const { durations } = await collectedBoth();
    const byHandler = Object.fromEntries(durations.map((p) => [`${String(p.attributes['commerce.handler'])} ${String(p.attributes['commerce.fault_name'] ?? '')}`.trim(), p.value.count]));
    expect(byHandler).toEqual({ CommerceCreateOperation_UserProfile: 1, CommerceQueryOperation_UserProfile: 2, 'CommerceQueryOperation_Note ComponentFault': 1 });
    for (const point of durations) expect(point.value.sum).toBeGreaterThan(0);
  });

  test('commerce.faults counts the faults answered, by handler and fault name, those found before any operation ran too', async () => {
    await s.foundation.processRequest(new CommerceQuery('Note')).catch(() => undefined);
    await s.foundation.processRequest(new CommerceQuery('Note')).catch(() => undefined);
    await s.foundation.processRequest(deleteBy('id', 'nobody')); // no fault: nothing to delete
    const invalid = queryBy('id', 'u1');
    (invalid.searchCriteria.model as Record<string, unknown>)['shoeSize'] = 44;
    await s.foundation.processRequest(invalid).catch(() => undefined);
    await s.foundation.processRequest(new CommerceQuery('Nothing')).catch(() => undefined);
    const { faults } = await collectedBoth();
    expect(faults).toEqual(
      expect.arrayContaining([
        { 'commerce.handler': 'CommerceQueryOperation_Note', 'commerce.fault_name': 'ComponentFault', count: 2 },
        { 'commerce.handler': 'CommerceQueryOperation_UserProfile', 'commerce.fault_name': 'ValidationFault', count: 1 },
        { 'commerce.handler': 'CommerceQueryOperation_Nothing', 'commerce.fault_name': 'SequenceNotFoundFault', count: 1 },
      ]),
    );
    expect(faults).toHaveLength(3);
  });
});
