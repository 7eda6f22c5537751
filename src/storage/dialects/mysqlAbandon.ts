import type { Knex } from 'knex';
import { rollbackQuietly } from './beginTransaction.js';

interface DriverConnection {
  readonly threadId: number | null;
  query(sql: string, done: (error: unknown) => void): void;
}

interface KnexClient {
  acquireConnection(): Promise<DriverConnection>;
  acquireRawConnection(): Promise<DriverConnection>;
  destroyRawConnection(connection: DriverConnection): Promise<void>;
}

/**
 * Ends the server session that holds the transaction, from a connection of its own (outside the pool, which the
 * transaction's own waiters may have exhausted): MariaDB and MySQL then roll the transaction back and release its
 * locks at once, even while a statement of it is still running or waiting for a lock. The ended connection fails the
 * pool's check and is replaced, so the pool recovers; a component still holding the transaction can send nothing
 * through it any more.
 */
export async function abandonMysqlTransaction(knex: Knex, transaction: Knex.Transaction): Promise<void> {
  transaction.executionPromise.catch(() => undefined);
  if (transaction.isCompleted()) return;
  let threadId: number | null = null;
  try {
    // A transaction's client hands out the one connection it runs on.
    threadId = (await (transaction.client as unknown as KnexClient).acquireConnection()).threadId;
  } catch {
    threadId = null;
  }
  if (typeof threadId === 'number' && Number.isSafeInteger(threadId)) {
    const client = knex.client as unknown as KnexClient;
    let killer: DriverConnection | undefined;
    try {
      killer = await client.acquireRawConnection();
      const session = killer;
      await new Promise<void>((resolve, reject) => {
        session.query(`KILL CONNECTION ${String(threadId)}`, (error) => {
          if (error) reject(error instanceof Error ? error : new Error('KILL failed'));
          else resolve();
        });
      });
    } catch {
      // The session may have ended by itself; the rollback below is then all there is to do.
    } finally {
      if (killer) await client.destroyRawConnection(killer);
    }
  }
  await rollbackQuietly(transaction);
}
