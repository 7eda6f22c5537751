import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceQuery, createCommerceFoundation, type OperationContext, type SequenceComponent } from '../../src/index.js';
import { compare, type Comparison, type MeasureOptions } from './measure.js';

const batch = 200;

/** 8 no-op components through processRequest (a non-transactional sequence) against the same 8 called directly. */
export async function dispatchBench(options: MeasureOptions): Promise<Comparison> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-dispatch-'));
  const names = Array.from({ length: 8 }, (_, i) => `Noop${i + 1}`);
  const components: Record<string, SequenceComponent> = Object.fromEntries(names.map((name) => [name, { execute: () => undefined }]));
  mkdirSync(join(root, 'sequences'));
  writeFileSync(join(root, 'sequences/CommerceQueryOperation_Noop.json'), JSON.stringify({ transactional: false, components: names.map((name) => ({ name })) }));
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
  try {
    return await compare(
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
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
