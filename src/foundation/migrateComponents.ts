import type { Knex } from 'knex';
import type { ResolvedSequence } from '../sequences/ResolvedSequence.js';
import { declarerOf } from '../sequences/SequenceComponent.js';

/**
 * Runs the `migrate(knex)` of every component an enabled step uses, once per declarer, on the default database
 * (where `context.transaction()` writes); answers what they created.
 */
export async function migrateComponents(sequences: Iterable<ResolvedSequence>, knex: Knex): Promise<string[]> {
  const done = new Set<object>();
  const created: string[] = [];
  for (const { steps } of sequences) {
    for (const { name, component } of steps) {
      const declarer = declarerOf(component, 'migrate');
      if (!declarer || done.has(declarer)) continue;
      done.add(declarer);
      try {
        created.push(...((await declarer.migrate?.(knex)) ?? []));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`component ${name} could not migrate: ${reason}`, { cause: error });
      }
    }
  }
  return created;
}
