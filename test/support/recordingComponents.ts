import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { z } from 'zod';
import { KnexToken, type OperationContext, type SequenceComponent } from '../../src/index.js';

/** A component that appends its label to `context.cache.get('log')` and to a shared journal. */
export function step(label: string, journal: string[] = []): SequenceComponent {
  return {
    execute(context: OperationContext) {
      const log = (context.cache.get('log') as string[] | undefined) ?? [];
      log.push(label);
      context.cache.set('log', log);
      journal.push(label);
    },
  };
}

/** Puts the log of this operation into the response, so tests can see the order the steps ran in. */
export const reportLog: SequenceComponent = {
  execute(context) {
    (context.response as { commerceEntities?: unknown[] }).commerceEntities = [
      { modelName: 'Log', steps: context.cache.get('log') ?? [] },
    ];
  },
};

/** Inserts the operation's `searchCriteria.model.note` into table `notes` inside the operation's transaction. */
export const writeNote: SequenceComponent = {
  async execute(context) {
    const note = (context.operation as { searchCriteria?: { model: { note?: string } } }).searchCriteria?.model.note;
    const db = await context.transaction();
    await db('notes').insert({ text: note ?? 'none' });
  },
};

export const fail: SequenceComponent = {
  execute() {
    throw new Error('boom');
  },
};

/** A class component with its own configuration schema and an injected service. */
@injectable()
export class ConfiguredStep implements SequenceComponent<{ level: 'info' | 'debug' }> {
  static readonly configurationSchema = z.strictObject({ level: z.enum(['info', 'debug']) });

  constructor(@inject(KnexToken) readonly knex: Knex) {}

  execute(context: OperationContext<never, { level: 'info' | 'debug' }>): void {
    context.cache.set('log', [...((context.cache.get('log') as string[] | undefined) ?? []), `level=${context.configuration.level}`]);
  }
}

export async function createNotesTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('notes', (t) => {
    t.increments('id');
    t.string('text', 64).notNullable();
  });
}
