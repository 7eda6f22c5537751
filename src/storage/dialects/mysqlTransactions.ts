import type { Knex } from 'knex';
import type { TransactionEnds } from './DriverTransaction.js';

interface DriverConnection {
  readonly threadId: number | null;
  query(sql: string, done: (error: unknown) => void): void;
}

interface KnexClient {
  acquireRawConnection(): Promise<DriverConnection>;
  destroyRawConnection(connection: DriverConnection): Promise<void>;
}

/** A statement without values, sent as text on the connection. */
function send(connection: DriverConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.query(sql, (error) => {
      if (error) reject(error instanceof Error ? error : new Error(`${sql} failed`));
      else resolve();
    });
  });
}

/**
 * Ends the server session that holds the transaction, from a connection of its own (outside the pool, which the
 * transaction's own waiters may have exhausted): MariaDB and MySQL then roll the transaction back and release its
 * locks at once, even while a statement of it is still running or waiting for a lock. The ended connection fails the
 * pool's check and is replaced, so the pool recovers; a component still holding the transaction can send nothing
 * through it any more.
 */
async function killSession(knex: Knex, connection: DriverConnection): Promise<void> {
  const { threadId } = connection;
  if (typeof threadId !== 'number' || !Number.isSafeInteger(threadId)) return;
  const client = knex.client as unknown as KnexClient;
  let killer: DriverConnection | undefined;
  try {
    killer = await client.acquireRawConnection();
    await send(killer, `KILL CONNECTION ${String(threadId)}`);
  } catch {
    // The session may have ended by itself; the rollback that follows is then all there is to do.
  } finally {
    if (killer) await client.destroyRawConnection(killer).catch(() => undefined);
  }
}

/** A transaction's ends on a mysql2 connection: the statements knex would send, sent as text with the driver. */
export const mysqlTransactionEnds: TransactionEnds = {
  async begin(connection: DriverConnection, intent, told) {
    if (intent.isolationLevel) {
      const setting = `SET TRANSACTION ISOLATION LEVEL ${intent.isolationLevel};`;
      await told(setting, () => send(connection, setting));
    }
    await told('BEGIN;', () => send(connection, 'BEGIN;'));
  },
  commit: (connection: DriverConnection, told) => told('COMMIT;', () => send(connection, 'COMMIT;')),
  rollback: (connection: DriverConnection, told) => told('ROLLBACK', () => send(connection, 'ROLLBACK')),
  kill: killSession,
};
