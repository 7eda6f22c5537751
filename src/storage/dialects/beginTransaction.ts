import type { Knex } from 'knex';
import type { TransactionIntent } from './Dialect.js';

/** A transaction, begun; knex hands out one whose BEGIN failed as if begun, and rejects only its executionPromise. */
export async function beginTransaction(knex: Knex, intent: TransactionIntent): Promise<Knex.Transaction> {
  const trx = await knex.transaction(intent);
  if (trx.isCompleted()) throw await trx.executionPromise.then(() => new Error('the transaction ended as it began'), (error: unknown) => error);
  return trx;
}

/** Rolls a transaction back unless it has ended; any failure is the caller's original failure's concern, not this one's. */
export async function rollbackQuietly(transaction: Knex.Transaction): Promise<void> {
  transaction.executionPromise.catch(() => undefined);
  try {
    if (!transaction.isCompleted()) await transaction.rollback();
  } catch {
    // the original failure is what the caller reports
  }
}
