import type { Knex } from 'knex';
import type { TransactionIntent } from './Dialect.js';

/** A transaction, begun; knex hands out one whose BEGIN failed as if begun, and rejects only its executionPromise. */
export async function beginTransaction(knex: Knex, intent: TransactionIntent): Promise<Knex.Transaction> {
  const trx = await knex.transaction(intent);
  if (trx.isCompleted()) throw await trx.executionPromise.then(() => new Error('the transaction ended as it began'), (error: unknown) => error);
  return trx;
}
