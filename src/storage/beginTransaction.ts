import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';
import { sqliteBusyTimeoutMs } from './sqliteKnex.js';
import type { TransactionIntent } from './Dialect.js';

const isBusy = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === 'SQLITE_BUSY';

/** A transaction, begun; knex hands out one whose BEGIN failed as if begun, and rejects only its executionPromise. */
async function begin(knex: Knex, intent: TransactionIntent): Promise<Knex.Transaction> {
  const trx = await knex.transaction(intent);
  if (trx.isCompleted()) throw await trx.executionPromise.then(() => new Error('the transaction ended as it began'), (error: unknown) => error);
  return trx;
}

/**
 * Begins a transaction. A writing one on SQLite takes the write lock as it begins, without waiting in the driver
 * (see createKnex): while another connection holds that lock, it is tried again here, without blocking the event
 * loop, for as long as a statement would wait.
 */
export async function beginTransaction(knex: Knex, intent: TransactionIntent): Promise<Knex.Transaction> {
  const deadline = performance.now() + sqliteBusyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await begin(knex, intent);
    } catch (error) {
      if (!isBusy(error) || performance.now() > deadline) throw error;
      await delay(Math.min(attempt, 20));
    }
  }
}
