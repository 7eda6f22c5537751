import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { CommerceQuery, createCommerceFoundation, type CommerceFoundation, type OperationContext, type SequenceComponent } from '../../src/index.js';
import { compare, measure, type Comparison, type MeasureOptions } from './measure.js';

const batch = 200;

export interface DispatchComparison extends Comparison {
  /** The same request under `requestContext.channel`, one of 8 declared channels whose sequences patches made. */
  readonly channelMs: number;
}

const channels = Array.from({ length: 8 }, (_, i) => `c${i + 1}`);

const batchOf = (foundation: CommerceFoundation, operation: CommerceQuery) => ({
  perRun: batch,
  run: async () => {
    for (let i = 0; i < batch; i++) await foundation.processRequest(operation);
  },
});

/**
 * What OpenTelemetry's spans add to a dispatch: a foundation started once a tracer provider is registered (recording
 * every span, exporting none, so that the figure is the framework's and the SDK's cost and no exporter's) against one
 * started before, with none: `@opentelemetry/api` installed and no provider registered, which start-up treats as it
 * treats the package not being installed.
 *
 * Run last (see main.ts): once the AsyncLocalStorage context manager has run a span, Node keeps its promise hooks for
 * the rest of the process, disabled or not, and every promise made after costs more (a warm Query 27.5 → 44 µs) — the
 * framework's operations, which make more promises than the raw driver's, more than the peers'.
 */
export async function spansBench(options: MeasureOptions): Promise<Comparison> {
  const { root, components } = noopFixture();
  const withoutSpans = await createCommerceFoundation({ root, database: 'sqlite::memory:', components, migrate: false });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  const withSpans = await createCommerceFoundation({ root, database: 'sqlite::memory:', components, migrate: false });
  try {
    const operation = new CommerceQuery('Noop');
    return await compare(batchOf(withSpans, operation), batchOf(withoutSpans, operation), options);
  } finally {
    await withSpans.close();
    await withoutSpans.close();
    trace.disable();
    context.disable();
    rmSync(root, { recursive: true, force: true });
  }
}

/** A root with the Noop model's sequence of 8 no-op components, and 8 channels each patching it. */
function noopFixture(): { root: string; names: string[]; components: Record<string, SequenceComponent> } {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-dispatch-'));
  const names = Array.from({ length: 8 }, (_, i) => `Noop${i + 1}`);
  const components: Record<string, SequenceComponent> = Object.fromEntries(names.map((name) => [name, { execute: () => undefined }]));
  mkdirSync(join(root, 'sequences'));
  writeFileSync(join(root, 'sequences/CommerceQueryOperation_Noop.json'), JSON.stringify({ transactional: false, components: names.map((name) => ({ name })) }));
  mkdirSync(join(root, 'config'));
  writeFileSync(join(root, 'config/commerce.json'), JSON.stringify({ channels }));
  for (const channel of channels) {
    mkdirSync(join(root, 'sequences', channel));
    const patches = [{ remove: 'Noop8' }, { add: { name: 'Noop8' }, after: 'Noop7' }];
    writeFileSync(join(root, 'sequences', channel, 'CommerceQueryOperation_Noop.patch.json'), JSON.stringify({ patches }));
  }
  return { root, names, components };
}

/**
 * 8 no-op components through processRequest (a non-transactional sequence) against the same 8 called directly; the
 * same request under one of 8 declared channels, each with a patch file of its own (resolved at start-up: a request
 * under a channel costs one map lookup more). OpenTelemetry's cost is spansBench's, run at the end.
 */
export async function dispatchBench(options: MeasureOptions): Promise<DispatchComparison> {
  const { root, names, components } = noopFixture();
  const foundation = await createCommerceFoundation({ root, database: 'sqlite::memory:', components, migrate: false });
  const operation = new CommerceQuery('Noop');
  const steps = names.map((name) => components[name] as SequenceComponent);
  const direct = async () => {
    const context = { operation, cache: new Map(), response: { commerceEntities: [] } } as unknown as OperationContext;
    for (const step of steps) {
      const pending = step.execute(context);
      if (pending) await pending;
    }
    return context.response;
  };
  const underChannel = { channel: 'c5' };
  try {
    const dispatch = await compare(
      batchOf(foundation, operation),
      {
        perRun: batch,
        run: async () => {
          for (let i = 0; i < batch; i++) await direct();
        },
      },
      options,
    );
    const channelMs = await measure(
      {
        perRun: batch,
        run: async () => {
          for (let i = 0; i < batch; i++) await foundation.processRequest(operation, underChannel);
        },
      },
      options,
    );
    return { ...dispatch, channelMs };
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
