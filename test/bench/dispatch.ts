import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceQuery, createCommerceFoundation, type OperationContext, type SequenceComponent } from '../../src/index.js';
import { compare, measure, type Comparison, type MeasureOptions } from './measure.js';

const batch = 200;

export interface DispatchResult extends Comparison {
  /** The same request under `requestContext.channel`, one of 8 declared channels whose sequences patches made. */
  readonly channelMs: number;
}

const channels = Array.from({ length: 8 }, (_, i) => `c${i + 1}`);

/**
 * 8 no-op components through processRequest (a non-transactional sequence) against the same 8 called directly; and
 * the same request under one of 8 declared channels, each with a patch file of its own (resolved at start-up: a
 * request under a channel costs one map lookup more).
 */
export async function dispatchBench(options: MeasureOptions): Promise<DispatchResult> {
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
    const comparison = await compare(
      {
        perRun: batch,
        run: async () => {
          for (let i = 0; i < batch; i++) await foundation.processRequest(operation);
        },
      },
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
    return { ...comparison, channelMs };
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
